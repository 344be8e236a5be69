/**
 * Vietnamese local time. Vietnam (Asia/Ho_Chi_Minh) has kept UTC+07:00 without daylight saving
 * since 1975, so a fixed offset is exact for every date a news article can carry and avoids
 * depending on the runtime's time zone data.
 */
const VN_OFFSET_MS = 7 * 60 * 60 * 1000

const pad = (n: number) => String(n).padStart(2, '0')

function vnParts(instant: Date) {
  const local = new Date(instant.getTime() + VN_OFFSET_MS)
  return {
    year: local.getUTCFullYear(),
    month: pad(local.getUTCMonth() + 1),
    day: pad(local.getUTCDate()),
    hour: pad(local.getUTCHours()),
    minute: pad(local.getUTCMinutes()),
    second: pad(local.getUTCSeconds()),
  }
}

/** "15:19 30/11/2019": how the portal shows a publish time. */
export function formatVnDateTime(instant: Date): string {
  const p = vnParts(instant)
  return `${p.hour}:${p.minute} ${p.day}/${p.month}/${p.year}`
}

/** "30/11/2019": the date alone, for lists. */
export function formatVnDate(instant: Date): string {
  const p = vnParts(instant)
  return `${p.day}/${p.month}/${p.year}`
}

/** "2019-11-30T15:19:00+07:00": for `<time datetime>` and structured data. */
export function toVnIsoString(instant: Date): string {
  const p = vnParts(instant)
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}+07:00`
}
