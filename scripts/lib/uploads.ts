/**
 * The old site's uploads folder as the importer reads it (UploadsReader, src/import/media.ts):
 * a file by its path under the folder, never anything outside it.
 */
import { readFile, realpath } from 'node:fs/promises'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import type { UploadsReader } from '../../src/import/media'

/**
 * Reads files under `root`. A path that climbs out of the folder (`..`, an absolute path, a
 * symbolic link pointing elsewhere) or names no regular file reads as missing (null), like a
 * file that is not there: an export's paths are data, not instructions.
 */
export async function uploadsFolder(root: string): Promise<UploadsReader> {
  const base = await realpath(root)
  const inside = (path: string) => {
    const rel = relative(base, path)
    return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel)
  }
  return {
    read: async (path: string) => {
      if (path.includes('\u0000')) return null
      const wanted = resolve(base, path)
      if (!inside(wanted)) return null
      try {
        const real = await realpath(wanted)
        if (!inside(real)) return null
        return new Uint8Array(await readFile(real))
      } catch {
        return null
      }
    },
  }
}
