// PodSpec and PodTemplateSpec validation (ValidatePodSpec, ValidatePodTemplateSpec): what every
// pod and every pod template must satisfy.
import { fieldErrors, type FieldError } from '../../meta/field-error.js';
import {
  inclusiveRangeError, invalidEach, ipFamilyOf, IP_ERROR, isValidLabelValue, nameIsDNSSubdomain, validateDNS1123Label,
  validateDNS1123Subdomain, validateQualifiedName,
} from '../../meta/validation.js';
import { child, index, isJsonObject, isSet, numberAt, objectAt, objectsAt, stringAt, type JsonObject } from '../../meta/validation-json.js';
import { validateAnnotations, validateLabels } from '../../meta/validation-meta.js';
import { validateContainers, validateInitContainers } from './containers.js';
import { validateQuantityMap } from './resources.js';
import { validateVolumes } from './volumes.js';

/** PodSpecOptions are PodValidationOptions that matter here. */
export interface PodSpecOptions {
  /** resourceIsPod: the spec is a Pod's, not a template's (stricter hostNetwork port rule). */
  resourceIsPod: boolean;
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** validateTolerations is ValidateTolerations. */
export function validateTolerations(tolerations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  objectsAt({ t: tolerations }, 't').forEach((t, i) => {
    const p = index(path, i);
    const k = stringAt(t, 'key');
    const op = stringAt(t, 'operator');
    const effect = stringAt(t, 'effect');
    const value = stringAt(t, 'value');
    if (k !== '') errs.push(...validateQualifiedName(k, child(p, 'key')));
    if (k === '' && op !== 'Exists') {
      errs.push(fieldErrors.invalid(child(p, 'operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (isSet(t, 'tolerationSeconds') && effect !== 'NoExecute') {
      errs.push(fieldErrors.invalid(child(p, 'effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (op === 'Equal' || op === '') {
      const msgs = isValidLabelValue(value);
      if (msgs.length > 0) errs.push(fieldErrors.invalid(child(p, 'operator'), value, msgs.join(';')));
    } else if (op === 'Exists') {
      if (value !== '') errs.push(fieldErrors.invalid(child(p, 'operator'), value, "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(fieldErrors.notSupported(child(p, 'operator'), op, ['Equal', 'Exists']));
    }
    if (effect !== '' && !TAINT_EFFECTS.includes(effect)) errs.push(fieldErrors.notSupported(child(p, 'effect'), effect, TAINT_EFFECTS));
  });
  return errs;
}

function validateDNSConfig(spec: JsonObject, path: string): FieldError[] {
  const config = objectAt(spec, 'dnsConfig');
  if (spec.dnsPolicy === 'None') {
    if (!config) return [fieldErrors.required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (!Array.isArray(config.nameservers) || config.nameservers.length === 0) {
      return [fieldErrors.required(child(path, 'nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
    }
  }
  if (!config) return [];
  const errs: FieldError[] = [];
  const nameservers = Array.isArray(config.nameservers) ? config.nameservers.map(String) : [];
  if (nameservers.length > 3) errs.push(fieldErrors.invalid(child(path, 'nameservers'), nameservers, 'must not have more than 3 nameservers'));
  nameservers.forEach((ns, i) => { if (ipFamilyOf(ns) === 0) errs.push(fieldErrors.invalid(index(child(path, 'nameservers'), i), ns, IP_ERROR)); });
  const searches = Array.isArray(config.searches) ? config.searches.map(String) : [];
  if (searches.length > 32) errs.push(fieldErrors.invalid(child(path, 'searches'), searches, 'must not have more than 32 search paths'));
  if (searches.join(' ').length > 2048) errs.push(fieldErrors.invalid(child(path, 'searches'), searches, 'must not have more than 2048 characters (including spaces) in the search list'));
  searches.forEach((s, i) => {
    // RelaxedDNSSearchValidation (on since 1.33) allows '.' and underscores.
    if (s !== '.' && !/^_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*$/.test(s.replace(/\.$/, ''))) {
      errs.push(...validateDNS1123Subdomain(s.replace(/\.$/, ''), index(child(path, 'searches'), i)));
    }
  });
  objectsAt(config, 'options').forEach((o, i) => {
    if (stringAt(o, 'name') === '') errs.push(fieldErrors.required(index(child(path, 'options'), i), 'must not be empty'));
  });
  return errs;
}

function validatePodSecurityContext(sc: unknown, path: string): FieldError[] {
  if (!isJsonObject(sc)) return [];
  const errs: FieldError[] = [];
  const idRange = inclusiveRangeError(0, 4294967295);
  for (const f of ['fsGroup', 'runAsUser', 'runAsGroup']) {
    const id = numberAt(sc, f);
    if (id !== undefined && (id < 0 || id > 0xffffffff)) errs.push(fieldErrors.invalid(child(path, f), id, idRange));
  }
  (Array.isArray(sc.supplementalGroups) ? sc.supplementalGroups : []).forEach((g, i) => {
    if (typeof g === 'number' && (g < 0 || g > 0xffffffff)) errs.push(fieldErrors.invalid(index(child(path, 'supplementalGroups'), i), g, idRange));
  });
  return errs;
}

/** validatePodSpec is ValidatePodSpec. */
export function validatePodSpec(specValue: unknown, path: string, opts: PodSpecOptions): FieldError[] {
  const spec = isJsonObject(specValue) ? specValue : {};
  const errs: FieldError[] = [];
  const grace = numberAt(spec, 'terminationGracePeriodSeconds');
  if (!isSet(spec, 'terminationGracePeriodSeconds')) errs.push(fieldErrors.required(child(path, 'terminationGracePeriodSeconds')));
  const { volumes, errors } = validateVolumes(spec.volumes, child(path, 'volumes'));
  errs.push(...errors);
  const ctx = { volumes, gracePeriod: grace };
  errs.push(...validateContainers(spec.containers, ctx, child(path, 'containers')));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers, ctx, child(path, 'initContainers')));
  if (spec.hostNetwork === true) {
    objectsAt(spec, 'containers').forEach((c, ci) => {
      objectsAt(c, 'ports').forEach((port, pi) => {
        const hp = numberAt(port, 'hostPort') ?? 0;
        const cp = numberAt(port, 'containerPort') ?? 0;
        if ((opts.resourceIsPod || hp !== 0) && hp !== cp) {
          errs.push(fieldErrors.invalid(child(index(child(index(child(path, 'containers'), ci), 'ports'), pi), 'hostPort'), hp, 'must match `containerPort` when `hostNetwork` is true'));
        }
      });
    });
  }
  const restart = stringAt(spec, 'restartPolicy');
  if (restart === '') errs.push(fieldErrors.required(child(path, 'restartPolicy')));
  else if (!RESTART_POLICIES.includes(restart)) errs.push(fieldErrors.notSupported(child(path, 'restartPolicy'), restart, RESTART_POLICIES));
  const dns = stringAt(spec, 'dnsPolicy');
  if (dns === '') errs.push(fieldErrors.required(child(path, 'dnsPolicy')));
  else if (!DNS_POLICIES.includes(dns)) errs.push(fieldErrors.notSupported(child(path, 'dnsPolicy'), dns, DNS_POLICIES));
  errs.push(...validateLabels(spec.nodeSelector, child(path, 'nodeSelector')));
  errs.push(...validatePodSecurityContext(spec.securityContext, child(path, 'securityContext')));
  objectsAt(spec, 'imagePullSecrets').forEach((s, i) => {
    if (Object.keys(s).some((k) => k !== 'name')) errs.push(fieldErrors.invalid(index(child(path, 'imagePullSecrets'), i), s, 'only name may be set'));
  });
  errs.push(...validateDNSConfig(spec, child(path, 'dnsConfig')));
  objectsAt(spec, 'readinessGates').forEach((g, i) => {
    errs.push(...validateQualifiedName(stringAt(g, 'conditionType'), child(index(child(path, 'readinessGates'), i), 'conditionType')));
  });
  const gates = new Set<string>();
  objectsAt(spec, 'schedulingGates').forEach((g, i) => {
    const name = stringAt(g, 'name');
    errs.push(...validateQualifiedName(name, index(child(path, 'schedulingGates'), i)));
    if (gates.has(name)) errs.push(fieldErrors.duplicate(index(child(path, 'schedulingGates'), i), name));
    gates.add(name);
  });
  for (const f of ['serviceAccountName', 'nodeName', 'priorityClassName']) {
    const v = stringAt(spec, f);
    if (v !== '') errs.push(...invalidEach(child(path, f), v, nameIsDNSSubdomain(v, false)));
  }
  const deadline = numberAt(spec, 'activeDeadlineSeconds');
  if (deadline !== undefined && (deadline < 1 || deadline > 2147483647)) {
    errs.push(fieldErrors.invalid(child(path, 'activeDeadlineSeconds'), deadline, inclusiveRangeError(1, 2147483647)));
  }
  for (const f of ['hostname', 'subdomain']) {
    const v = stringAt(spec, f);
    if (v !== '') errs.push(...validateDNS1123Label(v, child(path, f)));
  }
  errs.push(...validateTolerations(spec.tolerations, child(path, 'tolerations')));
  objectsAt(spec, 'hostAliases').forEach((a, i) => {
    const ip = stringAt(a, 'ip');
    if (ipFamilyOf(ip) === 0) errs.push(fieldErrors.invalid(child(index(child(path, 'hostAliases'), i), 'ip'), ip, IP_ERROR));
    (Array.isArray(a.hostnames) ? a.hostnames : []).forEach((h, j) => {
      errs.push(...validateDNS1123Subdomain(String(h), index(child(index(child(path, 'hostAliases'), i), 'hostnames'), j)));
    });
  });
  if (isSet(spec, 'runtimeClassName')) errs.push(...validateDNS1123Subdomain(stringAt(spec, 'runtimeClassName'), child(path, 'runtimeClassName')));
  if (isSet(spec, 'preemptionPolicy')) {
    const pp = stringAt(spec, 'preemptionPolicy');
    if (pp === '') errs.push(fieldErrors.required(child(path, 'preemptionPolicy')));
    else if (pp !== 'PreemptLowerPriority' && pp !== 'Never') errs.push(fieldErrors.notSupported(child(path, 'preemptionPolicy'), pp, ['PreemptLowerPriority', 'Never']));
  }
  errs.push(...validateQuantityMap(spec.overhead, child(path, 'overhead')));
  const os = objectAt(spec, 'os');
  if (os) {
    const name = stringAt(os, 'name');
    if (name === '') errs.push(fieldErrors.required(child(child(path, 'os'), 'name'), 'cannot be empty'));
    else if (name !== 'linux' && name !== 'windows') errs.push(fieldErrors.notSupported(child(path, 'os'), name, ['linux', 'windows']));
  }
  return errs;
}

/** validatePodTemplateSpec is ValidatePodTemplateSpec: labels and annotations (at `<path>.labels`, as Go names them), spec, no ephemeral containers. */
export function validatePodTemplateSpec(template: unknown, path: string): FieldError[] {
  const t = isJsonObject(template) ? template : {};
  const meta = objectAt(t, 'metadata');
  const errs = [
    ...validateLabels(meta?.labels, child(path, 'labels')),
    ...validateAnnotations(meta?.annotations, child(path, 'annotations')),
    ...validatePodSpec(t.spec, child(path, 'spec'), { resourceIsPod: false }),
  ];
  const spec = objectAt(t, 'spec');
  if (Array.isArray(spec?.ephemeralContainers) && spec.ephemeralContainers.length > 0) {
    errs.push(fieldErrors.forbidden(child(child(path, 'spec'), 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}
