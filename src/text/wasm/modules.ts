/** The kernels compiled in this thread (null: this runtime cannot compile it), by name. */
const compiled = new Map<string, WebAssembly.Module | null>();
/** Each kernel's base64, by name: what a first call compiles. */
const sources = new Map<string, string>();

/**
 * A function that compiles a kernel's WebAssembly (base64) on first call and returns the module ever after, or null
 * where this runtime cannot compile it (no WebAssembly, or no SIMD for a kernel that uses it): the JavaScript loop
 * the kernel is tested against then serves. A module another thread compiled may be adopted instead (see
 * adoptKernelModules).
 */
export function lazyModule(name: string, base64: string): () => WebAssembly.Module | null {
  sources.set(name, base64);
  return () => compiledModule(name);
}

function compiledModule(name: string): WebAssembly.Module | null {
  let module = compiled.get(name);
  if (module === undefined) {
    try {
      module = new WebAssembly.Module(Buffer.from(sources.get(name)!, 'base64'));
    } catch {
      module = null;
    }
    compiled.set(name, module);
  }
  return module;
}

/**
 * Every kernel's module as this thread has compiled it, to send to a worker thread: a module posted to another thread
 * shares its compiled code, so the worker neither compiles its own nor starts its first pieces on baseline code.
 */
export function kernelModules(): Record<string, WebAssembly.Module> {
  const modules: Record<string, WebAssembly.Module> = {};
  for (const name of sources.keys()) {
    const module = compiledModule(name);
    if (module) modules[name] = module;
  }
  return modules;
}

/** Takes another thread's kernelModules() as this thread's, before any kernel is first used here. */
export function adoptKernelModules(modules: Readonly<Record<string, WebAssembly.Module>>): void {
  for (const [name, module] of Object.entries(modules)) if (!compiled.has(name)) compiled.set(name, module);
}
