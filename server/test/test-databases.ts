export const ADMIN_TEMPLATE_DB = 'smartket_admin_template';
export const TENANT_TEMPLATE_DB = 'smartket_tenant_template';
