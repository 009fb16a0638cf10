import { describe, expect, it } from 'vitest';
import { channelFees, dueFee, type DueFeeInput } from './due-fee.js';

const CHANNELS: DueFeeInput['channels'] = [
  { channel: 'in_person', fees: [{ kind: 'amount', amountVnd: 200_000, label: 'Lệ phí' }] },
  {
    channel: 'online',
    fees: [
      { kind: 'amount', amountVnd: 100_000, label: 'Lệ phí' },
      { kind: 'amount', amountVnd: 20_000, label: 'Phí', per: 'bản' },
      { kind: 'rule', text: 'Miễn cho người có công' },
      { kind: 'free' },
    ],
  },
];
const base = (over: Partial<DueFeeInput> = {}): DueFeeInput => ({
  status: 'SUBMITTED',
  closed: false,
  obligation: null,
  awaitingPayment: false,
  channels: CHANNELS,
  dossierChannel: 'online',
  paid: [],
  ...over,
});
const requestedAt = new Date('2026-11-20T03:00:00Z');

describe('due fee', () => {
  it("sums the VND amounts of the dossier's channel (each once); rules and free rows owe nothing online", () => {
    expect(channelFees(CHANNELS, 'online')).toEqual({ amountVnd: 120_000, labels: ['Lệ phí', 'Phí'] });
    expect(dueFee(base())).toEqual({ purpose: 'procedure_fee', amountVnd: 120_000, description: 'Lệ phí; Phí' });
    expect(dueFee(base({ dossierChannel: 'in_person' }))?.amountVnd).toBe(200_000);
    expect(dueFee(base({ dossierChannel: 'postal' }))).toBeNull();
    expect(dueFee(base({ channels: [{ channel: 'online', fees: [{ kind: 'free' }] }] }))).toBeNull();
  });

  it('owes the procedure fee once', () => {
    expect(dueFee(base({ paid: [{ purpose: 'procedure_fee', amountVnd: 120_000, paidAt: new Date() }] }))).toBeNull();
  });

  it('a requested financial obligation comes first, until a payment after the request settles it', () => {
    const awaiting = base({ status: 'AWAITING_PAYMENT', awaitingPayment: true, obligation: { amount: 350_000, requestedAt, paidAt: null }, obligationDescription: 'Lệ phí trước bạ' });
    expect(dueFee(awaiting)).toEqual({ purpose: 'financial_obligation', amountVnd: 350_000, description: 'Lệ phí trước bạ' });
    expect(dueFee({ ...awaiting, paid: [{ purpose: 'financial_obligation', amountVnd: 350_000, paidAt: new Date(requestedAt.getTime() - 1000) }] })?.purpose).toBe('financial_obligation');
    // Settled by a payment after the request: nothing more for it (and the procedure fee is not asked instead).
    expect(dueFee({ ...awaiting, paid: [{ purpose: 'financial_obligation', amountVnd: 350_000, paidAt: new Date(requestedAt.getTime() + 1000) }] })).toBeNull();
  });

  it('owes nothing on a closed dossier', () => {
    expect(dueFee(base({ closed: true, status: 'WITHDRAWN' }))).toBeNull();
  });
});
