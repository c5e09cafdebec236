/* vfs-count.h: a SQLite VFS shim that counts xSync calls (fsync/fdatasync),
 * so benchmarks can show how many times a save touches the disk barrier. */
#ifndef HEARTH_BENCH_VFS_COUNT_H
#define HEARTH_BENCH_VFS_COUNT_H

/* Register the shim as the default VFS.  Returns SQLITE_OK or an error. */
int vfs_count_register(void);

/* Syncs seen since the last reset. */
long vfs_count_syncs(void);
void vfs_count_reset(void);

#endif
