import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { TafelConfig } from '@app/config';
import { CONFIG } from '@app/infrastructure';
import { Public } from '../auth/public.decorator';

/** What the staff web app needs to sign in with oidc-client-ts; null: static tokens only. */
export interface StaffWebConfig {
  oidc: {
    authority: string;
    clientId: string;
    scope: string;
    /**
     * RFC 8707 resource indicator, when the API's audience is an absolute URI (`urn:…`, `https://…`):
     * send it as `resource` to the authorize and token endpoints. Absent for a plain client-id audience
     * (Keycloak), which a provider would refuse as a resource.
     */
    resource?: string;
  } | null;
}

export function staffWebConfig(config: TafelConfig): StaffWebConfig {
  const oidc = config.oidc;
  if (!oidc?.clientId) return { oidc: null };
  return {
    oidc: {
      authority: oidc.issuer,
      clientId: oidc.clientId,
      scope: ['openid profile', oidc.extraScope].filter(Boolean).join(' '),
      ...(isAbsoluteUri(oidc.audience) && { resource: oidc.audience }),
    },
  };
}

const isAbsoluteUri = (value: string): boolean =>
  /^[a-z][a-z0-9+.-]*:[^\s]+$/i.test(value) && !value.includes('#');

/** Read by the staff web app before anything else; public (it holds nothing secret). Not part of /v1. */
@ApiExcludeController()
@Controller('staff-web')
export class StaffWebConfigController {
  private readonly body: StaffWebConfig;

  constructor(@Inject(CONFIG) config: TafelConfig) {
    this.body = staffWebConfig(config);
  }

  @Public()
  @Get('config.json')
  @Header('cache-control', 'no-cache')
  read(): StaffWebConfig {
    return this.body;
  }
}
