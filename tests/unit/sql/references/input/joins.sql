SELECT o.id, c.name
FROM orders o
LEFT JOIN customers AS c ON c.id = o.customer_id
JOIN main.products p USING (product_id)
CROSS JOIN LATERAL (SELECT 1) x
