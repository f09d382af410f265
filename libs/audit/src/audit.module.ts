import { Module } from '@nestjs/common';
import { CasesModule } from '@app/cases';
import { AuditQueries } from './audit-queries';

@Module({ imports: [CasesModule], providers: [AuditQueries], exports: [AuditQueries] })
export class AuditModule {}
