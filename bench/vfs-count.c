/* vfs-count.c: pass-through VFS that counts xSync; see vfs-count.h. */
#include "bench/vfs-count.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

struct count_file {
	sqlite3_file base;
	sqlite3_file *real;	/* follows this struct in the same block */
};

static sqlite3_vfs *real_vfs;
static sqlite3_vfs count_vfs;
static long syncs;

#define REAL(f) (((struct count_file *)(f))->real)

static int c_close(sqlite3_file *f)
{ return REAL(f)->pMethods ? REAL(f)->pMethods->xClose(REAL(f)) : SQLITE_OK; }
static int c_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o)
{ return REAL(f)->pMethods->xRead(REAL(f), b, n, o); }
static int c_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 o)
{ return REAL(f)->pMethods->xWrite(REAL(f), b, n, o); }
static int c_truncate(sqlite3_file *f, sqlite3_int64 s)
{ return REAL(f)->pMethods->xTruncate(REAL(f), s); }
static int c_sync(sqlite3_file *f, int flags)
{ syncs++; return REAL(f)->pMethods->xSync(REAL(f), flags); }
static int c_size(sqlite3_file *f, sqlite3_int64 *s)
{ return REAL(f)->pMethods->xFileSize(REAL(f), s); }
static int c_lock(sqlite3_file *f, int l)
{ return REAL(f)->pMethods->xLock(REAL(f), l); }
static int c_unlock(sqlite3_file *f, int l)
{ return REAL(f)->pMethods->xUnlock(REAL(f), l); }
static int c_check(sqlite3_file *f, int *r)
{ return REAL(f)->pMethods->xCheckReservedLock(REAL(f), r); }
static int c_fcntl(sqlite3_file *f, int op, void *a)
{ return REAL(f)->pMethods->xFileControl(REAL(f), op, a); }
static int c_sector(sqlite3_file *f)
{ return REAL(f)->pMethods->xSectorSize(REAL(f)); }
static int c_dev(sqlite3_file *f)
{ return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f)); }
static int c_shmmap(sqlite3_file *f, int i, int sz, int ext, void volatile **p)
{ return REAL(f)->pMethods->xShmMap(REAL(f), i, sz, ext, p); }
static int c_shmlock(sqlite3_file *f, int o, int n, int fl)
{ return REAL(f)->pMethods->xShmLock(REAL(f), o, n, fl); }
static void c_shmbarrier(sqlite3_file *f)
{ REAL(f)->pMethods->xShmBarrier(REAL(f)); }
static int c_shmunmap(sqlite3_file *f, int d)
{ return REAL(f)->pMethods->xShmUnmap(REAL(f), d); }
static int c_fetch(sqlite3_file *f, sqlite3_int64 o, int n, void **p)
{ return REAL(f)->pMethods->xFetch(REAL(f), o, n, p); }
static int c_unfetch(sqlite3_file *f, sqlite3_int64 o, void *p)
{ return REAL(f)->pMethods->xUnfetch(REAL(f), o, p); }

static const sqlite3_io_methods count_io = {
	3, c_close, c_read, c_write, c_truncate, c_sync, c_size, c_lock,
	c_unlock, c_check, c_fcntl, c_sector, c_dev, c_shmmap, c_shmlock,
	c_shmbarrier, c_shmunmap, c_fetch, c_unfetch
};

static int
c_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags,
    int *out)
{
	struct count_file *cf = (struct count_file *)f;
	int rc;

	(void)vfs;
	cf->real = (sqlite3_file *)(cf + 1);
	memset(cf->real, 0, (size_t)real_vfs->szOsFile);
	rc = real_vfs->xOpen(real_vfs, name, cf->real, flags, out);
	cf->base.pMethods = cf->real->pMethods ? &count_io : NULL;
	return rc;
}

static int c_delete(sqlite3_vfs *v, const char *n, int s)
{ (void)v; return real_vfs->xDelete(real_vfs, n, s); }
static int c_access(sqlite3_vfs *v, const char *n, int fl, int *r)
{ (void)v; return real_vfs->xAccess(real_vfs, n, fl, r); }
static int c_full(sqlite3_vfs *v, const char *n, int sz, char *o)
{ (void)v; return real_vfs->xFullPathname(real_vfs, n, sz, o); }
static void *c_dlopen(sqlite3_vfs *v, const char *n)
{ (void)v; return real_vfs->xDlOpen(real_vfs, n); }
static void c_dlerror(sqlite3_vfs *v, int n, char *m)
{ (void)v; real_vfs->xDlError(real_vfs, n, m); }
static void (*c_dlsym(sqlite3_vfs *v, void *h, const char *s))(void)
{ (void)v; return real_vfs->xDlSym(real_vfs, h, s); }
static void c_dlclose(sqlite3_vfs *v, void *h)
{ (void)v; real_vfs->xDlClose(real_vfs, h); }
static int c_random(sqlite3_vfs *v, int n, char *o)
{ (void)v; return real_vfs->xRandomness(real_vfs, n, o); }
static int c_sleep(sqlite3_vfs *v, int us)
{ (void)v; return real_vfs->xSleep(real_vfs, us); }
static int c_time(sqlite3_vfs *v, double *t)
{ (void)v; return real_vfs->xCurrentTime(real_vfs, t); }
static int c_lasterr(sqlite3_vfs *v, int n, char *o)
{ (void)v; return real_vfs->xGetLastError ? real_vfs->xGetLastError(real_vfs, n, o) : 0; }
static int c_time64(sqlite3_vfs *v, sqlite3_int64 *t)
{ (void)v; return real_vfs->xCurrentTimeInt64(real_vfs, t); }

int
vfs_count_register(void)
{
	if ((real_vfs = sqlite3_vfs_find(NULL)) == NULL)
		return SQLITE_ERROR;
	count_vfs = (sqlite3_vfs){
		.iVersion = 2,
		.szOsFile = (int)sizeof(struct count_file) + real_vfs->szOsFile,
		.mxPathname = real_vfs->mxPathname,
		.zName = "count",
		.xOpen = c_open, .xDelete = c_delete, .xAccess = c_access,
		.xFullPathname = c_full, .xDlOpen = c_dlopen,
		.xDlError = c_dlerror, .xDlSym = c_dlsym,
		.xDlClose = c_dlclose, .xRandomness = c_random,
		.xSleep = c_sleep, .xCurrentTime = c_time,
		.xGetLastError = c_lasterr, .xCurrentTimeInt64 = c_time64,
	};
	return sqlite3_vfs_register(&count_vfs, 1);
}

long vfs_count_syncs(void) { return syncs; }
void vfs_count_reset(void) { syncs = 0; }
