/*
 * paycode Android port: the pc_platform of a phone, whose hooks call back
 * into one Java org.paycode.Platform (see Platform.java for the Java side
 * and README.md for how its DeviceKeyStore maps onto Android Keystore).
 *
 * rng       Platform.hookRandom: java.security.SecureRandom (on Android,
 *           the kernel's getrandom through Conscrypt). Any failure is
 *           PC_ERR_RNG: never weak bytes.
 * time_now  Platform.hookTime: a java.time.Clock; Long.MIN_VALUE (a clock
 *           that threw DateTimeException) is PC_ERR_TIME_UNKNOWN.
 * key_*     Platform.hookKey*: the app's DeviceKeyStore. The private key
 *           never enters this process's native memory: only the public key
 *           and the signature of a digest cross.
 *
 * Each hook runs on the thread of the native call that reached it, with
 * the JNIEnv that call stored in the platform (pc__jni_platform_enter). A
 * Java exception a hook swallows is kept as the cause of the
 * PaycodeException the call then throws. Arrays that carried secrets
 * (random bytes) are zeroed before they are released.
 */
#include <string.h>

#include "pc_jni.h"

bool pc__jni_caught(pc__jni_platform *jp)
{
	JNIEnv *env = jp->env;
	jthrowable t;

	if (!(*env)->ExceptionCheck(env))
		return false;
	t = (*env)->ExceptionOccurred(env);
	(*env)->ExceptionClear(env);
	if (jp->cause == NULL)
		jp->cause = t;
	else
		(*env)->DeleteLocalRef(env, t);
	return true;
}

/* A hook's Java status: rc itself when it is PC_OK or one of the errors
 * the hook may return (allowed, ending with PC_OK), else fallback. */
static pc_err pc__status(jint rc, pc_err fallback, const pc_err *allowed)
{
	for (; *allowed != PC_OK; allowed++)
		if (rc == (jint)*allowed)
			return *allowed;
	return rc == 0 ? PC_OK : fallback;
}

static pc_err pc__rng(void *ctx, uint8_t *out, size_t len)
{
	pc__jni_platform *jp = ctx;
	JNIEnv *env = jp->env;
	jbyteArray a;
	jint rc;

	if (len > 0x7FFFFFFFu)
		return PC_ERR_RNG;
	a = (*env)->NewByteArray(env, (jsize)len);
	if (a == NULL) {
		(void)pc__jni_caught(jp);
		return PC_ERR_RNG;
	}
	rc = (*env)->CallIntMethod(env, jp->jplat, pc__jni.p_random, a);
	if (pc__jni_caught(jp) || rc != 0)
		rc = -1;
	else
		(*env)->GetByteArrayRegion(env, a, 0, (jsize)len, (jbyte *)out);
	pc__jni_zero(env, a);
	(*env)->DeleteLocalRef(env, a);
	return rc == 0 ? PC_OK : PC_ERR_RNG;
}

static pc_err pc__time(void *ctx, pc_time *now)
{
	pc__jni_platform *jp = ctx;
	JNIEnv *env = jp->env;
	jlong t = (*env)->CallLongMethod(env, jp->jplat, pc__jni.p_time);

	if (pc__jni_caught(jp) || t == (jlong)INT64_MIN)
		return PC_ERR_TIME_UNKNOWN;
	*now = (pc_time)t;
	return PC_OK;
}

/* Copy a Java output array of exactly len bytes into out, wiping it. */
static pc_err pc__take(pc__jni_platform *jp, jbyteArray a, uint8_t *out,
		       size_t len, pc_err rc)
{
	JNIEnv *env = jp->env;

	if (rc == PC_OK)
		(*env)->GetByteArrayRegion(env, a, 0, (jsize)len, (jbyte *)out);
	pc__jni_zero(env, a);
	(*env)->DeleteLocalRef(env, a);
	return rc;
}

static pc_err pc__key_generate(void *ctx, uint32_t key_id, uint32_t suite,
			       uint8_t *pub, size_t pub_cap)
{
	static const pc_err allowed[] = {
		PC_ERR_UNSUPPORTED, PC_ERR_RNG, PC_ERR_KEYSTORE, PC_OK
	};
	pc__jni_platform *jp = ctx;
	JNIEnv *env = jp->env;
	jbyteArray a;
	jint rc;

	if (suite != PC_KEY_SUITE_P256)
		return PC_ERR_UNSUPPORTED;
	if (pub == NULL || pub_cap < PC_P256_PUB_LEN)
		return PC_ERR_BUFFER_TOO_SMALL;
	a = (*env)->NewByteArray(env, PC_P256_PUB_LEN);
	if (a == NULL)
		return pc__jni_caught(jp), PC_ERR_KEYSTORE;
	rc = (*env)->CallIntMethod(env, jp->jplat, pc__jni.p_keygen, (jint)key_id, a);
	if (pc__jni_caught(jp))
		rc = PC_ERR_KEYSTORE;
	return pc__take(jp, a, pub, PC_P256_PUB_LEN, pc__status(rc, PC_ERR_KEYSTORE, allowed));
}

static pc_err pc__key_public(void *ctx, uint32_t key_id, uint8_t *pub,
			     size_t pub_cap)
{
	static const pc_err allowed[] = {
		PC_ERR_NOT_FOUND, PC_ERR_UNSUPPORTED, PC_ERR_KEYSTORE, PC_OK
	};
	pc__jni_platform *jp = ctx;
	JNIEnv *env = jp->env;
	jbyteArray a;
	jint rc;

	if (pub == NULL || pub_cap < PC_P256_PUB_LEN)
		return PC_ERR_BUFFER_TOO_SMALL;
	a = (*env)->NewByteArray(env, PC_P256_PUB_LEN);
	if (a == NULL)
		return pc__jni_caught(jp), PC_ERR_KEYSTORE;
	rc = (*env)->CallIntMethod(env, jp->jplat, pc__jni.p_keypub, (jint)key_id, a);
	if (pc__jni_caught(jp))
		rc = PC_ERR_KEYSTORE;
	return pc__take(jp, a, pub, PC_P256_PUB_LEN, pc__status(rc, PC_ERR_KEYSTORE, allowed));
}

static pc_err pc__key_sign(void *ctx, uint32_t key_id, const uint8_t hash[32],
			   uint8_t *sig, size_t sig_cap)
{
	static const pc_err allowed[] = {
		PC_ERR_NOT_FOUND, PC_ERR_UNSUPPORTED, PC_ERR_KEYSTORE, PC_OK
	};
	pc__jni_platform *jp = ctx;
	JNIEnv *env = jp->env;
	jbyteArray h, s;
	jint rc = PC_ERR_KEYSTORE;

	if (hash == NULL)
		return PC_ERR_INVALID_ARG;
	if (sig == NULL || sig_cap < PC_P256_SIG_LEN)
		return PC_ERR_BUFFER_TOO_SMALL;
	h = pc__jni_new_bytes(env, hash, 32);
	s = h != NULL ? (*env)->NewByteArray(env, PC_P256_SIG_LEN) : NULL;
	if (s != NULL)
		rc = (*env)->CallIntMethod(env, jp->jplat, pc__jni.p_keysign,
					   (jint)key_id, h, s);
	if (pc__jni_caught(jp))
		rc = PC_ERR_KEYSTORE;
	if (h != NULL)
		(*env)->DeleteLocalRef(env, h);
	if (s == NULL)
		return PC_ERR_KEYSTORE;
	return pc__take(jp, s, sig, PC_P256_SIG_LEN, pc__status(rc, PC_ERR_KEYSTORE, allowed));
}

void pc__jni_platform_init(pc__jni_platform *jp)
{
	memset(jp, 0, sizeof *jp);
	jp->plat.version = PC_PLATFORM_VERSION;
	jp->plat.ctx = jp;
	jp->plat.rng = pc__rng;
	jp->plat.time_now = pc__time;
	jp->plat.key_generate = pc__key_generate;
	jp->plat.key_public = pc__key_public;
	jp->plat.key_sign = pc__key_sign;
}

bool pc__jni_platform_enter(pc__jni_platform *jp, JNIEnv *env, jobject jplat)
{
	if (jplat == NULL) {
		pc__jni_throw_java(env, "NullPointerException", "platform");
		return false;
	}
	jp->env = env;
	jp->jplat = jplat;
	jp->cause = NULL;
	return true;
}

void pc__jni_platform_leave(pc__jni_platform *jp)
{
	jp->env = NULL;
	jp->jplat = NULL;
	jp->cause = NULL;
}
