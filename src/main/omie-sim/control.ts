import { ManualClock } from '../clock';
import type { SimEngine } from './engine';
import { SIM_FAULT_KINDS, type NoRecordsWording, type OmieSimControl, type SimFaultKind } from './types';

/** The in-process control handle over an engine. */
export function controlOf(engine: SimEngine): OmieSimControl {
  return {
    clientes: () => engine.clienteList(),
    titulos: () => engine.tituloList(),
    mutateCliente: (codigo, patch) => engine.mutateCliente(codigo, patch),
    addCliente: (partial) => engine.addCliente(partial),
    addRawCliente: (raw) => engine.addRawCliente(raw),
    removeCliente: (codigo) => engine.removeCliente(codigo),
    cancelTitulo: (codigo) => engine.cancelTitulo(codigo),
    addTitulo: (partial) => engine.addTitulo(partial),
    addRawTitulo: (raw) => engine.addRawTitulo(raw),
    setLimits: (l) => engine.setLimits(l),
    setFaults: (f) => {
      if (f.kinds) f.kinds.forEach(checkKind);
      engine.setFaults(f);
    },
    setLatency: (ms) => {
      engine.latencyMs = Math.max(0, ms);
    },
    setNoRecordsWording: (w: NoRecordsWording) => {
      if (w !== 'registros' && w !== 'cadastros') throw new RangeError(`wording must be "registros" or "cadastros", got ${String(w)}`);
      engine.wording = w;
    },
    injectNext: (kind, count, method) => {
      checkKind(kind);
      engine.injectNext(kind, count, method);
    },
    stats: () => engine.stats(),
    resetStats: () => engine.resetStats(),
  };
}

function checkKind(kind: unknown): asserts kind is SimFaultKind {
  if (!SIM_FAULT_KINDS.includes(kind as SimFaultKind)) throw new RangeError(`unknown fault kind: ${String(kind)} (known: ${SIM_FAULT_KINDS.join(', ')})`);
}

type Body = Record<string, unknown>;
const num = (b: Body, k: string): number => {
  const v = Number(b[k]);
  if (!Number.isFinite(v)) throw new RangeError(`"${k}" must be a number`);
  return v;
};
const obj = (b: Body, k: string): Body => {
  const v = b[k] ?? {};
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new RangeError(`"${k}" must be an object`);
  return v as Body;
};

/**
 * The cross-process control surface: `POST /__sim/{op}` with a JSON body → the op's result as JSON
 * (`{"ok":true}` for ops without one). See index.ts for the list.
 */
export function runControlOp(engine: SimEngine, control: OmieSimControl, op: string, b: Body): unknown {
  switch (op) {
    case 'clientes':
      return control.clientes();
    case 'titulos':
      return control.titulos();
    case 'stats':
      return control.stats();
    case 'now':
      return { now: engine.clock.now(), wall: engine.nowWall() };
    case 'mutateCliente':
      return control.mutateCliente(num(b, 'codigo'), obj(b, 'patch'));
    case 'addCliente':
      return control.addCliente(obj(b, 'partial'));
    case 'addRawCliente':
      return control.addRawCliente(obj(b, 'raw'));
    case 'removeCliente':
      return control.removeCliente(num(b, 'codigo'));
    case 'cancelTitulo':
      return control.cancelTitulo(num(b, 'codigo'));
    case 'addTitulo':
      return control.addTitulo(obj(b, 'partial'));
    case 'addRawTitulo':
      return control.addRawTitulo(obj(b, 'raw'));
    case 'setLimits':
      return control.setLimits(b);
    case 'setFaults':
      return control.setFaults(b);
    case 'setLatency':
      return control.setLatency(num(b, 'ms'));
    case 'setNoRecordsWording':
      return control.setNoRecordsWording(b.wording as NoRecordsWording);
    case 'injectNext':
      return control.injectNext(b.kind as SimFaultKind, b.count === undefined ? 1 : num(b, 'count'), typeof b.method === 'string' ? b.method : undefined);
    case 'resetStats':
      return control.resetStats();
    case 'advanceClock': {
      if (!(engine.clock instanceof ManualClock)) throw new RangeError('advanceClock needs the simulator to run on a ManualClock');
      engine.clock.advance(num(b, 'ms'));
      return { now: engine.clock.now() };
    }
    default:
      throw new RangeError(`unknown control op: ${op}`);
  }
}
