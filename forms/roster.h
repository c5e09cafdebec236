/* roster.h: being written (roster download, issue 5). */
