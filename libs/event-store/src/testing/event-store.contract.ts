import { basicCases } from './contract-basics.cases';
import { faultCases } from './contract-faults.cases';
import { integrityCases } from './contract-integrity.cases';
import { processCases } from './contract-processes.cases';
import { revisionCases } from './contract-revisions.cases';
import type { ContractFactory, ContractHandle } from './contract.types';

/**
 * The one contract every event-store adapter passes. Each test gets a fresh, empty store from
 * `factory.create()` and cleans it up after itself. Call it at the top level of the adapter's spec.
 */
export function describeEventStoreContract(name: string, factory: ContractFactory): void {
  describe(`${name} event store contract`, () => {
    let handle: ContractHandle | undefined;
    const h = (): ContractHandle => {
      if (!handle) throw new Error('no store: the contract runs inside its own describe');
      return handle;
    };
    beforeEach(async () => {
      handle = await factory.create();
    });
    afterEach(async () => {
      await handle?.cleanup();
      handle = undefined;
    });

    describe('round trips', () => basicCases(h));
    describe('revisions and idempotency', () => revisionCases(h));
    describe('integrity and errors', () => integrityCases(h, factory));
    describe('several processes', () => processCases(h, factory));
    describe('faults under a subscription', () => faultCases(h, factory));
  });
}
