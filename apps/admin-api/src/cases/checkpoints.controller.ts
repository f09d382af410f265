import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CheckpointQueries } from '@app/audit';
import type { Actor } from '@app/cases';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ReadResponses } from '../http/openapi.decorators';

/** One signed checkpoint of the whole log. */
export class CheckpointDto {
  @ApiProperty({ description: 'the last global position the head covers' }) position!: number;
  @ApiProperty({
    description: 'the running head of the log after every event up to `position` (SHA-256, hex)',
  })
  head!: string;
  @ApiProperty({ description: 'when it was signed (ISO 8601); signed too' }) signedAt!: string;
  @ApiProperty({ description: 'the first 16 hex digits of SHA-256 over the public key (SPKI DER)' })
  keyId!: string;
  @ApiProperty({
    description:
      'Ed25519 signature, base64, over the UTF-8 text `tafel-log-checkpoint/v1\\n<position>\\n<head>\\n<signedAt>`',
  })
  signature!: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/checkpoints')
export class CheckpointsController {
  constructor(private readonly checkpoints: CheckpointQueries) {}

  @Get()
  @ApiOperation({
    summary: 'the signed checkpoints of the whole log, in position order (auditor, admin)',
    description:
      'Keep them (or the last one) outside Tafel: `tafel verify --all` recomputes the running head and ' +
      'holds it against each. A new one is signed after every `TAFEL_CHECKPOINT_EVERY` events or ' +
      '`TAFEL_CHECKPOINT_INTERVAL`, whichever comes first.',
  })
  @ApiResponse({ status: 200, description: 'the checkpoints', type: [CheckpointDto] })
  @ReadResponses(403, 503)
  list(@CurrentActor() actor: Actor) {
    return this.checkpoints.list(actor);
  }

  @Get('public-key')
  @ApiOperation({
    summary: 'the Ed25519 public key (SPKI PEM) to check the checkpoints with (auditor, admin)',
  })
  @ApiResponse({
    status: 200,
    description: 'PEM',
    content: { 'application/x-pem-file': { schema: { type: 'string' } } },
  })
  @ReadResponses(403)
  publicKey(@CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply) {
    const pem = this.checkpoints.publicKey(actor);
    void reply.header('content-type', 'application/x-pem-file');
    return pem;
  }
}
