/* cmd-roster.c: being written (roster download, issue 5). */
