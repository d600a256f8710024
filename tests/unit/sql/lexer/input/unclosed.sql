SELECT 1; SELECT 'open; SELECT "also; -- not a comment
