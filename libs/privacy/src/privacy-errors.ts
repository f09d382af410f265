/** The configured master key does not open the key store: nothing may start, nothing is decrypted. */
export class MasterKeyRefused extends Error {
  constructor(source: string) {
    super(
      `The master key (${source}) does not open the key store of this data: refusing to start. ` +
        'Nothing was decrypted. Configure the master key these keys were wrapped with ' +
        '(TAFEL_MASTER_KEY, or the key file that was created on first start).',
    );
    this.name = 'MasterKeyRefused';
  }
}
