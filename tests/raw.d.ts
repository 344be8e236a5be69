// Fixture files read as text (Vite's `?raw`), e.g. the import sources' dumps and feeds. In a file
// of its own: a declaration beside an import would be a module augmentation, not a new module.
declare module '*?raw' {
  const text: string
  export default text
}
