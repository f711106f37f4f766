// Container validation (validateContainers, validateInitContainers, validateContainerCommon):
// names, images, ports, env, mounts, probes and lifecycle handlers, with Kubernetes' paths.
import { fieldErrors, type FieldError } from '../../meta/field-error.js';
import {
  invalidEach, isHTTPHeaderName, isValidPortName, isValidPortNum, validateDNS1123Label, validateNonnegative, validateProtocol,
} from '../../meta/validation.js';
import { child, index, isJsonObject, isSet, numberAt, objectAt, objectsAt, stringAt, type JsonObject } from '../../meta/validation-json.js';
import { validateEnvSources, validateVolumeMounts } from './container-refs.js';
import { validateContainerResources } from './resources.js';

/** ContainerContext is what container checks need from the pod spec around them. */
export interface ContainerContext {
  /** volumes that validated, by name (mounts may only name these). */
  volumes: Map<string, JsonObject>;
  gracePeriod: number | undefined;
}

/** validatePortNumOrName is ValidatePortNumOrName over an IntOrString: numbers are ports, strings are port names. */
export function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === 'string') return invalidEach(path, port, isValidPortName(port));
  const n = typeof port === 'number' ? port : 0;
  return invalidEach(path, n, isValidPortNum(n));
}

function validateContainerPorts(ports: JsonObject[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = index(path, i);
    const name = stringAt(port, 'name');
    if (name !== '') {
      const msgs = isValidPortName(name);
      if (msgs.length > 0) errs.push(...invalidEach(child(p, 'name'), name, msgs));
      else if (names.has(name)) errs.push(fieldErrors.duplicate(child(p, 'name'), name));
      else names.add(name);
    }
    const containerPort = numberAt(port, 'containerPort') ?? 0;
    if (containerPort === 0) errs.push(fieldErrors.required(child(p, 'containerPort')));
    else errs.push(...invalidEach(child(p, 'containerPort'), containerPort, isValidPortNum(containerPort)));
    const hostPort = numberAt(port, 'hostPort') ?? 0;
    if (hostPort !== 0) errs.push(...invalidEach(child(p, 'hostPort'), hostPort, isValidPortNum(hostPort)));
    errs.push(...validateProtocol(port.protocol, child(p, 'protocol')));
  });
  return errs;
}

const SUPPORTED_TERMINATION_POLICIES = ['File', 'FallbackToLogsOnError'];
const SUPPORTED_PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

function validateHandler(handler: JsonObject, gracePeriod: number | undefined, path: string, allowSleep: boolean): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  const kinds = ['exec', 'httpGet', 'tcpSocket', 'grpc', ...(allowSleep ? ['sleep'] : [])];
  for (const kind of kinds) {
    if (!isSet(handler, kind)) continue;
    const hp = child(path, kind);
    if (count > 0) {
      errs.push(fieldErrors.forbidden(hp, 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    const h = objectAt(handler, kind) ?? {};
    if (kind === 'exec' && (!Array.isArray(h.command) || h.command.length === 0)) errs.push(fieldErrors.required(child(hp, 'command')));
    if (kind === 'httpGet') {
      if (stringAt(h, 'path') === '') errs.push(fieldErrors.required(child(hp, 'path')));
      errs.push(...validatePortNumOrName(h.port, child(hp, 'port')));
      const scheme = stringAt(h, 'scheme');
      if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(fieldErrors.notSupported(child(hp, 'scheme'), scheme, ['HTTP', 'HTTPS']));
      for (const header of objectsAt(h, 'httpHeaders')) {
        const name = stringAt(header, 'name');
        errs.push(...invalidEach(child(hp, 'httpHeaders'), name, isHTTPHeaderName(name)));
      }
    }
    if (kind === 'tcpSocket') errs.push(...validatePortNumOrName(h.port, child(hp, 'port')));
    if (kind === 'grpc') errs.push(...validatePortNumOrName(numberAt(h, 'port') ?? 0, child(hp, 'port')));
    if (kind === 'sleep') {
      const seconds = numberAt(h, 'seconds') ?? 0;
      // PodLifecycleSleepActionAllowZero is on (beta since 1.33): zero is a valid sleep.
      if (gracePeriod !== undefined && (seconds < 0 || seconds > gracePeriod)) {
        errs.push(fieldErrors.invalid(hp, seconds, `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`));
      }
    }
  }
  if (count === 0) errs.push(fieldErrors.required(path, 'must specify a handler type'));
  return errs;
}

type ProbeKind = 'livenessProbe' | 'readinessProbe' | 'startupProbe';

function validateProbe(probe: unknown, kind: ProbeKind, gracePeriod: number | undefined, path: string): FieldError[] {
  if (!isJsonObject(probe)) return [];
  const errs = validateHandler(probe, gracePeriod, path, false);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...validateNonnegative(numberAt(probe, f), child(path, f)));
  }
  const tgps = numberAt(probe, 'terminationGracePeriodSeconds');
  if (tgps !== undefined && tgps <= 0) errs.push(fieldErrors.invalid(child(path, 'terminationGracePeriodSeconds'), tgps, 'must be greater than 0'));
  if (kind === 'readinessProbe' && isSet(probe, 'terminationGracePeriodSeconds')) {
    errs.push(fieldErrors.invalid(child(path, 'terminationGracePeriodSeconds'), tgps ?? null, 'must not be set for readinessProbes'));
  }
  const success = numberAt(probe, 'successThreshold') ?? 0;
  if (kind !== 'readinessProbe' && success !== 1) errs.push(fieldErrors.invalid(child(path, 'successThreshold'), success, 'must be 1'));
  return errs;
}

function validateProbesAndLifecycle(c: JsonObject, ctx: ContainerContext, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const lifecycle = objectAt(c, 'lifecycle');
  if (lifecycle) {
    for (const hook of ['postStart', 'preStop']) {
      const h = objectAt(lifecycle, hook);
      if (h) errs.push(...validateHandler(h, ctx.gracePeriod, child(child(path, 'lifecycle'), hook), true));
    }
  }
  for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    errs.push(...validateProbe(c[kind], kind, ctx.gracePeriod, child(path, kind)));
  }
  return errs;
}

function validateSecurityContext(sc: unknown, path: string): FieldError[] {
  if (!isJsonObject(sc)) return [];
  const errs: FieldError[] = [];
  for (const f of ['runAsUser', 'runAsGroup']) {
    const id = numberAt(sc, f);
    if (id !== undefined && (id < 0 || id > 0xffffffff)) errs.push(fieldErrors.invalid(child(path, f), id, 'must be between 0 and 4294967295, inclusive'));
  }
  const procMount = sc.procMount;
  if (isSet(sc, 'procMount') && procMount !== 'Default' && procMount !== 'Unmasked') {
    errs.push(fieldErrors.notSupported(child(path, 'procMount'), procMount, ['Default', 'Unmasked']));
  }
  if (sc.allowPrivilegeEscalation === false && sc.privileged === true) {
    errs.push(fieldErrors.invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
  }
  return errs;
}

/** validateContainerCommon is what every container (regular, init, ephemeral) must satisfy. */
export function validateContainerCommon(c: JsonObject, ctx: ContainerContext, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = stringAt(c, 'name');
  if (name === '') errs.push(fieldErrors.required(child(path, 'name')));
  else errs.push(...validateDNS1123Label(name, child(path, 'name')));
  if (stringAt(c, 'image') === '') errs.push(fieldErrors.required(child(path, 'image')));
  const tmp = stringAt(c, 'terminationMessagePolicy');
  if (tmp === '') errs.push(fieldErrors.required(child(path, 'terminationMessagePolicy')));
  else if (!SUPPORTED_TERMINATION_POLICIES.includes(tmp)) errs.push(fieldErrors.notSupported(child(path, 'terminationMessagePolicy'), tmp, SUPPORTED_TERMINATION_POLICIES));
  errs.push(...validateContainerPorts(objectsAt(c, 'ports'), child(path, 'ports')));
  errs.push(...validateEnvSources(c, path));
  errs.push(...validateVolumeMounts(c, ctx.volumes, path));
  const pull = stringAt(c, 'imagePullPolicy');
  if (pull === '') errs.push(fieldErrors.required(child(path, 'imagePullPolicy')));
  else if (!SUPPORTED_PULL_POLICIES.includes(pull)) errs.push(fieldErrors.notSupported(child(path, 'imagePullPolicy'), pull, SUPPORTED_PULL_POLICIES));
  errs.push(...validateContainerResources(c.resources, child(path, 'resources')));
  errs.push(...validateSecurityContext(c.securityContext, child(path, 'securityContext')));
  return errs;
}

// checkHostPortConflicts: one protocol/hostIP/hostPort may be claimed once across the list.
function hostPortConflicts(containers: JsonObject[], path: string, seen = new Set<string>()): FieldError[] {
  const errs: FieldError[] = [];
  containers.forEach((c, ci) => {
    objectsAt(c, 'ports').forEach((port, pi) => {
      const hostPort = numberAt(port, 'hostPort') ?? 0;
      if (hostPort === 0) return;
      const id = `${stringAt(port, 'protocol')}/${stringAt(port, 'hostIP')}/${hostPort}`;
      if (seen.has(id)) errs.push(fieldErrors.duplicate(child(index(child(index(path, ci), 'ports'), pi), 'hostPort'), id));
      else seen.add(id);
    });
  });
  return errs;
}

/** validateContainers is validateContainers: a non-empty list of uniquely named, valid containers. */
export function validateContainers(containers: unknown, ctx: ContainerContext, path: string): FieldError[] {
  if (!Array.isArray(containers) || containers.length === 0) return [fieldErrors.required(path)];
  const list = containers.map((c) => (isJsonObject(c) ? c : {}));
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list.forEach((c, i) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(c, ctx, p));
    const name = stringAt(c, 'name');
    if (names.has(name)) errs.push(fieldErrors.duplicate(child(p, 'name'), name));
    else names.add(name);
    errs.push(...validateProbesAndLifecycle(c, ctx, p));
    if (isSet(c, 'restartPolicy')) errs.push(fieldErrors.forbidden(child(p, 'restartPolicy'), 'may not be set for non-init containers'));
  });
  return [...errs, ...hostPortConflicts(list, path)];
}

/** validateInitContainers is validateInitContainers: names unique across both lists; probes only on restartable (sidecar) ones. */
export function validateInitContainers(initContainers: unknown, containers: unknown, ctx: ContainerContext, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set((Array.isArray(containers) ? containers : []).map((c) => (isJsonObject(c) ? stringAt(c, 'name') : '')));
  (Array.isArray(initContainers) ? initContainers : []).forEach((raw, i) => {
    const c = isJsonObject(raw) ? raw : {};
    const p = index(path, i);
    errs.push(...validateContainerCommon(c, ctx, p));
    let restartAlways = false;
    if (isSet(c, 'restartPolicy')) {
      if (c.restartPolicy === 'Always') restartAlways = true;
      else errs.push(fieldErrors.notSupported(child(p, 'restartPolicy'), c.restartPolicy, ['Always']));
    }
    const name = stringAt(c, 'name');
    if (names.has(name)) errs.push(fieldErrors.duplicate(child(p, 'name'), name));
    else if (name !== '') names.add(name);
    // Init containers run one by one, so host ports only conflict within one container.
    errs.push(...hostPortConflicts([c], path));
    if (restartAlways) errs.push(...validateProbesAndLifecycle(c, ctx, p));
    else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (isSet(c, f)) errs.push(fieldErrors.forbidden(child(p, f), 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errs;
}

