import { defineConfig } from 'drizzle-kit'

// drizzle-kit writes flat `NNNN_name.sql` files here, which is the folder and layout
// `wrangler d1 migrations apply` reads. The `meta/` snapshots let it diff the next change.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './migrations',
})
