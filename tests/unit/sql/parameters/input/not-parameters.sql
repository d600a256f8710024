-- $in_comment
SELECT '$in_string', "$in_name", a$b, a$$, x$tag$ AS $$ $in_dollars $$ /* $in_block */
