/** An option of the PoA launcher was out of range or malformed; the CLI exits with 2. */
export class PoaOptionError extends Error {
  override name = 'PoaOptionError';
}

/** The geth binary is not where the parts installer puts it. */
export class GethMissingError extends Error {
  override name = 'GethMissingError';
  constructor(readonly path: string) {
    super(`geth not found at ${path}: build it with tools/parts/install-go-parts.sh --only geth`);
  }
}

/** A validator did not come up, or the network did not start sealing. */
export class PoaStartError extends Error {
  override name = 'PoaStartError';
}
