/** neardup's version, as package.json has it: the CLI's --version and the SARIF report's tool version. */
export const VERSION = '0.2.0';
