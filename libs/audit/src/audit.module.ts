import { Module } from '@nestjs/common';
import { CasesModule } from '@app/cases';
import { AccessLog } from './access-log';
import { AuditQueries } from './audit-queries';

@Module({ imports: [CasesModule], providers: [AuditQueries, AccessLog], exports: [AuditQueries, AccessLog] })
export class AuditModule {}
