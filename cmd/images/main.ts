// `kubelite images`: import, list and remove images in this node's container runtime.
import { commonFlags } from '../../pkg/util/common-flags.js';
import { notBuilt } from '../../pkg/util/command.js';
import { flag } from '../../pkg/util/flags.js';

const imagesFlags = {
  ...commonFlags,
  containerRuntimeEndpoint: flag('string', '', 'containerd socket; empty: the one the kubelet started under --data-dir'),
};

/** command is `kubelite images import FILE.tar | list | remove NAME`. */
export const command = notBuilt('images', 'Import (docker-save or OCI archives), list and remove images in the node runtime.\nUsage: kubelite images import FILE.tar | list | remove NAME', imagesFlags, 'issue 5');
