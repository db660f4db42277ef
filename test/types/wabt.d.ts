// wabt (dev dependency, used by scripts/build-wasm.mjs and test/wasm.test.ts) ships no declarations.
declare module 'wabt' {
  interface WasmModule {
    toBinary(options: object): { buffer: Uint8Array };
  }
  interface Wabt {
    parseWat(filename: string, text: string, features?: Record<string, boolean>): WasmModule;
  }
  const factory: () => Promise<Wabt>;
  export default factory;
}
