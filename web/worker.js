// Runs the wasm module off the main thread: the page never freezes.
import createMigcheck from './migcheck.mjs';

const ready = createMigcheck();

self.onmessage = async (event) => {
  const { id, name, bytes } = event.data;
  try {
    const mod = await ready;
    const view = new Uint8Array(bytes);
    const ptr = mod._malloc(Math.max(view.length, 1));
    let json;
    try {
      mod.HEAPU8.set(view, ptr);  // the one copy into the heap
      json = mod.dumpJson(ptr, view.length, name, '', true);
    } finally {
      mod._free(ptr);
    }
    self.postMessage({ id, ok: true, json });
  } catch (error) {
    self.postMessage({ id, ok: false, message: String(error && error.message || error) });
  }
};
