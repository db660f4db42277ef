/**
 * A function that compiles a kernel's WebAssembly (base64) on first call and returns the module ever after, or null
 * where this runtime cannot compile it (no WebAssembly, or no SIMD for a kernel that uses it): the JavaScript loop
 * the kernel is tested against then serves.
 */
export function lazyModule(base64: string): () => WebAssembly.Module | null {
  let compiled: WebAssembly.Module | null | undefined;
  return () => {
    if (compiled === undefined) {
      try {
        compiled = new WebAssembly.Module(Buffer.from(base64, 'base64'));
      } catch {
        compiled = null;
      }
    }
    return compiled;
  };
}
