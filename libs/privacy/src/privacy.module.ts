import { Module } from '@nestjs/common';
import { CasesModule } from '@app/cases';
import { ErasureService } from './erasure.service';

/** Erasure of a person. Expects KEY_STORE, EVENT_STORE, READ_DB and CLOCK from the infrastructure. */
@Module({ imports: [CasesModule], providers: [ErasureService], exports: [ErasureService] })
export class PrivacyModule {}
