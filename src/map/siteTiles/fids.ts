/**
 * Feature ids (`_fid`) of the sites: a positive integer per site id, in the order the ids are
 * first met (not 0: MapLibre treats a falsy id as no id). The page and the tiles worker number
 * the published sites with this same function, in file order, so both give a site the same id.
 */
export function fidRegistry(fids = new Map<string, number>()): (id: string) => number {
  return (id) => {
    let n = fids.get(id);
    if (n === undefined) {
      n = fids.size + 1;
      fids.set(id, n);
    }
    return n;
  };
}
