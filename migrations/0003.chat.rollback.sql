DROP TABLE aiapp.session_summaries;
DROP TABLE aiapp.prompts;
DROP TABLE aiapp.chat_messages;
DROP TABLE aiapp.chat_sessions;
DROP VIEW aiapp.chat_group_documents;
DROP TABLE aiapp.chat_group_members;
DROP TABLE aiapp.chat_groups;
