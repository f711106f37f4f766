// `kubelite images`: import, list and remove images in this node's container runtime.
import { IMAGES_USAGE, runImagesCommand } from '../../pkg/kubelet/images-command.js';
import { commonFlags } from '../../pkg/util/common-flags.js';
import { defineCommand } from '../../pkg/util/command.js';
import { flag } from '../../pkg/util/flags.js';

const imagesFlags = {
  ...commonFlags,
  containerRuntimeEndpoint: flag('string', '', 'containerd socket; empty: the one the kubelet started under --data-dir'),
};

/** command is `kubelite images import FILE.tar | list | remove NAME`. */
export const command = defineCommand({
  name: 'images',
  usage: IMAGES_USAGE,
  description: 'Import (docker-save or OCI archives), list and remove images in the node runtime: the containerd the\n' +
    'kubelet runs under --data-dir, or the one --container-runtime-endpoint names.',
  flags: imagesFlags,
  async run(values, { positionals }) {
    process.stdout.write(await runImagesCommand(values, positionals));
  },
});
