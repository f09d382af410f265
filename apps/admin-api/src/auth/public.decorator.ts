import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'tafel:public';

/** A route that needs no token (health, docs). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
