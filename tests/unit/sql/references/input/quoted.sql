SELECT * FROM "My Table" JOIN `other table` ON true JOIN [third one] ON true JOIN "we""ird" ON true
