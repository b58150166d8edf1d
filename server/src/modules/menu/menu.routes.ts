import {
  CategoryInput,
  CategoryPatch,
  MENU_IMPORT_CONTENT_TYPES,
  MENU_IMPORT_MAX_BYTES,
  MenuImportQuery,
  OptionGroupInput,
  OptionGroupPatch,
  ProductInput,
  ProductPatch,
} from '@smartket/shared';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { can } from '../../http/middleware/can.ts';
import { tenantScope } from '../../http/middleware/tenant-context.ts';
import { EmptyBody, inputOf, validate } from '../../http/middleware/validate.ts';
import { pathId } from '../../http/params.ts';
import type { TenantModuleDeps } from '../../http/tenant-router.ts';
import { AppError } from '../../lib/errors.ts';
import { requireModule } from '../plans/plans.policy.ts';
import { importMenu, menuExportFile, menuTemplateFile } from './menu-import.service.ts';
import { readMenuFile } from './menu-spreadsheet.ts';
import { presentCategory, presentMenu, presentOptionGroup, presentProduct } from './menu.presenter.ts';
import {
  createCategory,
  createOptionGroup,
  createProduct,
  loadMenu,
  updateCategory,
  updateOptionGroup,
  updateProduct,
} from './menu.service.ts';
import { loadSampleMenu } from './sample-menu.ts';

const XLSX_TYPE = MENU_IMPORT_CONTENT_TYPES.xlsx;
const UPLOAD_TYPES = [MENU_IMPORT_CONTENT_TYPES.xlsx, MENU_IMPORT_CONTENT_TYPES.csv];

/** `/api/tenant/menu`: categories, products, option groups, spreadsheet import and export. */
export function menuRoutes(deps: TenantModuleDeps): Router {
  const router = Router();

  router.get('/', can('menu.view'), async (_req, res) => {
    res.json(presentMenu(await loadMenu(tenantScope(res).em)));
  });

  router.post('/categories', can('menu.edit'), validate(CategoryInput), async (_req, res) => {
    const category = await createCategory(tenantScope(res).em, inputOf(res, CategoryInput));
    res.status(201).json(presentCategory(category));
  });

  router.patch('/categories/:id', can('menu.edit'), validate(CategoryPatch), async (req, res) => {
    const category = await updateCategory(
      tenantScope(res).em,
      pathId(req, 'id'),
      inputOf(res, CategoryPatch),
    );
    res.json(presentCategory(category));
  });

  router.post('/products', can('menu.edit'), validate(ProductInput), async (_req, res) => {
    const { em, tenant } = tenantScope(res);
    const { product, optionGroupIds } = await createProduct(em, tenant, inputOf(res, ProductInput));
    res.status(201).json(presentProduct(product, optionGroupIds));
  });

  router.patch('/products/:id', can('menu.edit'), validate(ProductPatch), async (req, res) => {
    const { em, tenant, actor } = tenantScope(res);
    const { product, optionGroupIds } = await updateProduct(
      em,
      tenant,
      pathId(req, 'id'),
      inputOf(res, ProductPatch),
      { actor, at: deps.clock.now() },
    );
    res.json(presentProduct(product, optionGroupIds));
  });

  router.post('/option-groups', can('menu.edit'), validate(OptionGroupInput), async (_req, res) => {
    const { group, options } = await createOptionGroup(tenantScope(res).em, inputOf(res, OptionGroupInput));
    res.status(201).json(presentOptionGroup(group, options));
  });

  router.patch('/option-groups/:id', can('menu.edit'), validate(OptionGroupPatch), async (req, res) => {
    const { em, actor } = tenantScope(res);
    const { group, options } = await updateOptionGroup(
      em,
      pathId(req, 'id'),
      inputOf(res, OptionGroupPatch),
      { actor, at: deps.clock.now() },
    );
    res.json(presentOptionGroup(group, options));
  });

  router.post('/sample', can('menu.edit'), validate(EmptyBody), async (_req, res) => {
    const { em, tenant } = tenantScope(res);
    res.json(await loadSampleMenu(em, tenant));
  });

  router.get('/import-template', can('menu.view'), async (_req, res) => {
    sendXlsx(res, 'plantilla-menu-smartket.xlsx', await menuTemplateFile(tenantScope(res).em));
  });

  router.get('/export', can('menu.view'), async (_req, res) => {
    const { em, tenant } = tenantScope(res);
    sendXlsx(res, `menu-${tenant.slug}-${limaDate(deps.clock.now())}.xlsx`, await menuExportFile(em));
  });

  router.post(
    '/import',
    can('menu.edit'),
    requireModule('menu_import'),
    validate(MenuImportQuery, 'query'),
    requireUploadType,
    express.raw({ type: UPLOAD_TYPES, limit: MENU_IMPORT_MAX_BYTES }),
    async (req, res) => {
      const { em, tenant, actor } = tenantScope(res);
      const sheet = await readMenuFile(uploadedFile(req));
      const { unknownCategories } = inputOf(res, MenuImportQuery);
      res.json(await importMenu(em, tenant, sheet, unknownCategories, { actor, at: deps.clock.now() }));
    },
  );

  return router;
}

/** 415 for a body that is neither .xlsx nor CSV; an empty body goes on, to be told it is empty. */
function requireUploadType(req: Request, _res: Response, next: NextFunction): void {
  if (req.is(UPLOAD_TYPES) === false) {
    next(new AppError('UNSUPPORTED_MEDIA_TYPE', 415, `Send the file as ${UPLOAD_TYPES.join(' or ')}`));
    return;
  }
  next();
}

/** The raw upload `express.raw` read; empty when there was no body. */
function uploadedFile(req: Request): Buffer {
  const body: unknown = req.body;
  return Buffer.isBuffer(body) ? body : Buffer.alloc(0);
}

function sendXlsx(res: Response, filename: string, file: Buffer): void {
  res.setHeader('Content-Type', XLSX_TYPE);
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(file);
}

/** `yyyy-mm-dd` of `now` in Lima, where the owner's day is. */
function limaDate(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Lima' }).format(now);
}
