import { Module } from '@nestjs/common';
import { CasesModule } from '@app/cases';
import { AccessLog } from './access-log';
import { AccessReadQueries, AccessReadsLifecycle } from './access-reads';
import { AuditQueries } from './audit-queries';

@Module({
  imports: [CasesModule],
  providers: [AuditQueries, AccessLog, AccessReadQueries, AccessReadsLifecycle],
  exports: [AuditQueries, AccessLog, AccessReadQueries],
})
export class AuditModule {}
