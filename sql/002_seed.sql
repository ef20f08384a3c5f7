-- Seed data from the API contract. The admin user starts without a password;
-- t2o-setup sets it from ADMIN_PASSWORD (or generates one and prints it once).

INSERT INTO permissions (name) VALUES
    ('view_dashboard'), ('manage_users'), ('view_reports'), ('manage_settings'),
    ('access_logs'), ('manage_admin'), ('edit');

INSERT INTO roles (name) VALUES ('Super Admin'), ('Admin'), ('User');

INSERT INTO role_permissions (role_id, permission_id)
SELECT r.id, p.id FROM roles r CROSS JOIN permissions p WHERE r.name = 'Super Admin';

INSERT INTO role_permissions (role_id, permission_id)
SELECT r.id, p.id FROM roles r JOIN permissions p
    ON p.name IN ('view_dashboard', 'manage_users', 'view_reports', 'edit', 'access_logs')
WHERE r.name = 'Admin';

INSERT INTO role_permissions (role_id, permission_id)
SELECT r.id, p.id FROM roles r JOIN permissions p ON p.name IN ('view_dashboard', 'edit')
WHERE r.name = 'User';

INSERT INTO users (first_name, last_name, username, email, verified)
VALUES ('Admin', 'User', 'admin', 'admin@example.com', true);

INSERT INTO user_roles (user_id, role_id)
SELECT u.id, r.id FROM users u, roles r WHERE u.username = 'admin' AND r.name = 'Super Admin';
