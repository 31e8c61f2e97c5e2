// zongjie serve: the little the pages need — add/remove rows, dismiss questions, draft progress, edit toggles.
"use strict";
