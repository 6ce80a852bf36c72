/** Files imported as text with Vite's `?raw` suffix (the tests' JSON fixtures, parsed by the test). */
declare module '*?raw' {
  const text: string;
  export default text;
}
