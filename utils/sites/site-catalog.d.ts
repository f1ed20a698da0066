declare module 'virtual:site-catalog' {
  const catalog: import('./types').Site[];
  export default catalog;
}
