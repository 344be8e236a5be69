// Vite's additions the tests use: fixture files as text (`?raw`), as data URLs (`?inline`),
// and `import.meta.glob` to read a fixture folder (workerd has no file system).
/// <reference types="vite/client" />
