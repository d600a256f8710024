-- Brackets and backticks quote names in SQLite; in DuckDB they are a list and an operator.
SELECT [x;y] FROM [bracketed table] JOIN `ticked` ON true;
-- A dollar quote is a string in DuckDB only.
SELECT $$ FROM in_dollars $$ AS a FROM after_dollars;
-- Block comments nest in DuckDB only.
SELECT /* a /* b */ FROM in_nested_comment */ 1 FROM after_comment
