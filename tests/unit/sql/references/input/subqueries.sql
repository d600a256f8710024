SELECT * FROM (SELECT * FROM inner_t WHERE id IN (SELECT id FROM ids)) q
WHERE EXISTS (SELECT 1 FROM checks c WHERE c.id = q.id)
