import { Inject, Injectable, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import type { Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SiteController } from './site.controller';

/**
 * Paths that belong to the API, never to the web application: they keep their JSON 404s instead
 * of falling back to index.html.
 */
export const API_PATHS = /^\/(api|auth|oidc|docs|metrics|health)(\/|-|$)/;

/** Vite's output: content-hashed names, which may be cached for good. */
const HASHED_ASSET = /[/\\]assets[/\\][^/\\]+-[\w-]{8,}\.\w+$/;

/** The checkout: the nearest folder above this file holding package.json (from dist/ or from sources). */
function projectRoot(from = __dirname): string {
  const parent = dirname(from);
  return existsSync(join(from, 'package.json')) || parent === from ? from : projectRoot(parent);
}

/** `npm run build` writes the web application to dist/web; `VIGIE_WEB_DIR` points elsewhere. */
export const webDir = (): string => resolve(process.env.VIGIE_WEB_DIR ?? join(projectRoot(), 'dist', 'web'));

function cacheHeaders(res: Response, path: string): void {
  res.setHeader(
    'Cache-Control',
    HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
  );
}

const NOT_BUILT = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Vigie : application web absente</title></head>
<body><main><h1>Vigie : l’application web n’est pas construite</h1>
<p>Lancez <code>npm run build</code> puis redémarrez le service. L’API répond sous <code>/api</code>.</p>
</main></body></html>
`;

/** Without a build, pages answer 503 saying what to do; the API is not affected. */
@Injectable()
class WebNotBuilt implements OnModuleInit {
  constructor(@Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    // An application context without HTTP (the benchmarks' command path, the CLI) serves no pages.
    const adapter = this.adapterHost.httpAdapter as HttpAdapterHost['httpAdapter'] | null;
    if (adapter === null) return;
    const express = adapter.getInstance();
    express.get(/.*/, (req: Request, res: Response, next: () => void) => {
      if (API_PATHS.test(req.path)) return next();
      res.status(503).type('html').setHeader('Cache-Control', 'no-store').send(NOT_BUILT);
    });
  }
}

/** The web application (apps/web, built by Vite), served by the API on the same origin, and `/api/v1/site`. */
@Module({})
export class WebModule {
  static register(): DynamicModule {
    const rootPath = webDir();
    if (!existsSync(join(rootPath, 'index.html')))
      return { module: WebModule, controllers: [SiteController], providers: [WebNotBuilt] };
    return {
      module: WebModule,
      imports: [
        ServeStaticModule.forRoot({
          rootPath,
          exclude: API_PATHS,
          serveStaticOptions: { index: 'index.html', setHeaders: cacheHeaders, fallthrough: true },
        }),
      ],
      controllers: [SiteController],
    };
  }
}
