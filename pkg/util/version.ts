// The build's version, from package.json (bundled into the binary at build time).
import pkg from '../../package.json' with { type: 'json' };

/** VERSION is kubelite's version; gitVersion mimics Kubernetes' "v1.2.3" form. */
export const VERSION = { version: pkg.version, gitVersion: `v${pkg.version}-kubelite` };
