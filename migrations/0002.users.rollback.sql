DROP TABLE aiapp.login_failures;
DROP TABLE aiapp.auth_tokens;
DROP TABLE aiapp.users;
