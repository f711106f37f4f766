// Writes the node images as docker-save archives, for `ctr images import`, `kubelite images import`
// or `skopeo copy docker-archive:FILE docker://REGISTRY/NAME:TAG`:
//   tsx hack/images/build.ts pause OUT.tar [REF]     the sandbox image (busybox sleeping forever)
//   tsx hack/images/build.ts busybox OUT.tar [REF]   a shell image with every busybox applet (httpd too)
// Needs Debian's busybox-static (hack/images/install-runtime-deps.sh).
import { writeFileSync } from 'node:fs';
import { BUSYBOX_IMAGE, PAUSE_IMAGE, busyboxImageArchive, pauseImageArchive } from '../../pkg/kubelet/runtime/cri/image-archive.js';

const [kind, out, ref] = process.argv.slice(2);
if ((kind !== 'pause' && kind !== 'busybox') || !out) {
  console.error('usage: tsx hack/images/build.ts pause|busybox OUT.tar [REF]');
  process.exit(2);
}
const archive = kind === 'pause' ? pauseImageArchive(ref ?? PAUSE_IMAGE) : busyboxImageArchive(ref ?? BUSYBOX_IMAGE);
writeFileSync(out, archive);
console.log(`wrote ${out}: ${ref ?? (kind === 'pause' ? PAUSE_IMAGE : BUSYBOX_IMAGE)}, ${(archive.length / 1e6).toFixed(1)} MB`);
