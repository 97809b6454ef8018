/*
 * paycode Android port: JNI entry point, cached IDs, exceptions, array
 * helpers, and the natives of org.paycode.Paycode and org.paycode.Otp.
 *
 * The same file builds for a phone (the NDK, arm64) and for the host JVM
 * (Debian's JDK headers), where the JUnit tests load it. It includes
 * nothing from the NDK beyond <jni.h>, so it needs no #if.
 */
#include <stdio.h>
#include <string.h>

#include "pc_jni.h"

pc__jni_ids pc__jni;

/* ---- exceptions --------------------------------------------------------- */

void pc__jni_throw_java(JNIEnv *env, const char *name, const char *msg)
{
	char cls[64];
	jclass c;

	(void)snprintf(cls, sizeof cls, "java/lang/%s", name);
	c = (*env)->FindClass(env, cls);
	if (c != NULL)
		(void)(*env)->ThrowNew(env, c, msg);
}

void pc__jni_throw(JNIEnv *env, pc_err err, const char *detail, jthrowable cause)
{
	jstring name, msg;
	jobject e;

	if ((*env)->ExceptionCheck(env))
		return; /* the first exception is the one to report */
	name = (*env)->NewStringUTF(env, pc_err_name(err));
	msg = (*env)->NewStringUTF(env, detail != NULL ? detail : pc_strerror(err));
	if (name == NULL || msg == NULL)
		return; /* OutOfMemoryError pending */
	e = (*env)->NewObject(env, pc__jni.exc, pc__jni.exc_init, (jint)err, name, msg);
	if (e == NULL)
		return;
	if (cause != NULL) {
		jclass t = (*env)->FindClass(env, "java/lang/Throwable");
		jmethodID init = t != NULL ? (*env)->GetMethodID(env, t, "initCause",
			"(Ljava/lang/Throwable;)Ljava/lang/Throwable;") : NULL;

		if (init == NULL)
			return;
		(void)(*env)->CallObjectMethod(env, e, init, cause);
		if ((*env)->ExceptionCheck(env))
			return;
	}
	(void)(*env)->Throw(env, (jthrowable)e);
}

/* ---- arrays ------------------------------------------------------------- */

bool pc__jni_get(JNIEnv *env, jbyteArray arr, uint8_t *out, size_t len)
{
	if (arr == NULL || (size_t)(*env)->GetArrayLength(env, arr) != len) {
		pc__jni_throw(env, PC_ERR_INVALID_ARG, "byte array of the wrong length", NULL);
		return false;
	}
	(*env)->GetByteArrayRegion(env, arr, 0, (jsize)len, (jbyte *)out);
	return !(*env)->ExceptionCheck(env);
}

jbyteArray pc__jni_new_bytes(JNIEnv *env, const uint8_t *p, size_t len)
{
	jbyteArray a = (*env)->NewByteArray(env, (jsize)len);

	if (a != NULL && len > 0)
		(*env)->SetByteArrayRegion(env, a, 0, (jsize)len, (const jbyte *)p);
	return a;
}

void pc__jni_zero(JNIEnv *env, jbyteArray arr)
{
	static const jbyte zero[64];
	jsize n, at;

	if (arr == NULL)
		return;
	n = (*env)->GetArrayLength(env, arr);
	for (at = 0; at < n; at += (jsize)sizeof zero)
		(*env)->SetByteArrayRegion(env, arr, at,
			n - at < (jsize)sizeof zero ? n - at : (jsize)sizeof zero, zero);
}

/* ---- org.paycode.Paycode ------------------------------------------------ */

static jstring pc__error_name(JNIEnv *env, jclass c, jint err)
{
	(void)c;
	return (*env)->NewStringUTF(env, pc_err_name((pc_err)err));
}

static jstring pc__error_message(JNIEnv *env, jclass c, jint err)
{
	(void)c;
	return (*env)->NewStringUTF(env, pc_strerror((pc_err)err));
}

static jboolean pc__is_fatal(JNIEnv *env, jclass c, jint err)
{
	(void)env;
	(void)c;
	return pc_err_is_fatal((pc_err)err) ? JNI_TRUE : JNI_FALSE;
}

/* ---- org.paycode.Otp ---------------------------------------------------- */

/* HOTP (RFC 4226 §5.3) of counter; TOTP is this with counter = T. */
static jint pc__hotp(JNIEnv *env, jclass c, jint alg, jbyteArray key,
		     jlong counter, jint digits)
{
	uint8_t k[128];
	uint32_t otp = 0;
	jsize n;
	pc_err err;

	(void)c;
	n = key != NULL ? (*env)->GetArrayLength(env, key) : -1;
	if (n < 0 || (size_t)n > sizeof k || digits < 0) {
		pc__jni_throw(env, PC_ERR_INVALID_ARG, "key of 0..128 bytes required", NULL);
		return 0;
	}
	(*env)->GetByteArrayRegion(env, key, 0, n, (jbyte *)k);
	err = pc_hotp((pc_otp_alg)alg, k, (size_t)n, (uint64_t)counter,
		      (unsigned)digits, &otp);
	pc_wipe(k, sizeof k);
	if (err != PC_OK)
		pc__jni_throw(env, err, NULL, NULL);
	return (jint)otp;
}

/* ---- registration ------------------------------------------------------- */

static const pc__jni_method pc__paycode_methods[] = {
	{ "errorName", "(I)Ljava/lang/String;", (pc__jni_fn)pc__error_name },
	{ "errorMessage", "(I)Ljava/lang/String;", (pc__jni_fn)pc__error_message },
	{ "isFatal", "(I)Z", (pc__jni_fn)pc__is_fatal },
};

static const pc__jni_method pc__otp_methods[] = {
	{ "nHotp", "(I[BJI)I", (pc__jni_fn)pc__hotp },
};

#define PC__JNI_MAX_METHODS 16

_Static_assert(sizeof(void *) == sizeof(pc__jni_fn),
	       "function pointers must fit JNINativeMethod.fnPtr");

jint pc__jni_register(JNIEnv *env, const char *cls, const pc__jni_method *m,
		      size_t n)
{
	JNINativeMethod nm[PC__JNI_MAX_METHODS];
	jclass c;
	size_t i;

	if (n > PC__JNI_MAX_METHODS)
		return JNI_ERR;
	for (i = 0; i < n; i++) {
		nm[i].name = m[i].name;
		nm[i].signature = m[i].sig;
		memcpy(&nm[i].fnPtr, &m[i].fn, sizeof nm[i].fnPtr);
	}
	c = (*env)->FindClass(env, cls);
	if (c == NULL || (*env)->RegisterNatives(env, c, nm, (jint)n) != JNI_OK)
		return JNI_ERR;
	(*env)->DeleteLocalRef(env, c);
	return JNI_OK;
}

/* A global reference to class cls, or NULL with an exception pending. */
static jclass pc__class(JNIEnv *env, const char *cls)
{
	jclass local = (*env)->FindClass(env, cls);
	jclass global = local != NULL ? (*env)->NewGlobalRef(env, local) : NULL;

	if (local != NULL)
		(*env)->DeleteLocalRef(env, local);
	return global;
}

static bool pc__lookup(JNIEnv *env)
{
	pc__jni_ids *j = &pc__jni;

	j->exc = pc__class(env, "org/paycode/PaycodeException");
	j->plat = pc__class(env, "org/paycode/Platform");
	j->val = pc__class(env, "org/paycode/Validator");
	j->sink = pc__class(env, "org/paycode/MpmPayload$Builder");
	if (j->exc == NULL || j->plat == NULL || j->val == NULL || j->sink == NULL)
		return false;
	j->exc_init = (*env)->GetMethodID(env, j->exc, "<init>",
					  "(ILjava/lang/String;Ljava/lang/String;)V");
	j->p_random = (*env)->GetMethodID(env, j->plat, "hookRandom", "([B)I");
	j->p_time = (*env)->GetMethodID(env, j->plat, "hookTime", "()J");
	j->p_keygen = (*env)->GetMethodID(env, j->plat, "hookKeyGenerate", "(I[B)I");
	j->p_keypub = (*env)->GetMethodID(env, j->plat, "hookKeyPublic", "(I[B)I");
	j->p_keysign = (*env)->GetMethodID(env, j->plat, "hookKeySign", "(I[B[B)I");
	j->v_master = (*env)->GetMethodID(env, j->val, "hookMasterKey", "(I[B)I");
	j->v_alias = (*env)->GetMethodID(env, j->val, "hookLookupAlias", "(I[J)I");
	j->m_object = (*env)->GetMethodID(env, j->sink, "object", "(IIZ[B)V");
	j->m_warning = (*env)->GetMethodID(env, j->sink, "warning",
					   "(ILjava/lang/String;Ljava/lang/String;)V");
	j->m_crc = (*env)->GetMethodID(env, j->sink, "crc", "(IIZ)V");
	return !(*env)->ExceptionCheck(env);
}

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved)
{
	JNIEnv *env = NULL;

	(void)reserved;
	if ((*vm)->GetEnv(vm, (void **)&env, JNI_VERSION_1_6) != JNI_OK)
		return JNI_ERR;
	if (!pc__lookup(env) ||
	    pc__jni_register(env, "org/paycode/Paycode", pc__paycode_methods,
			     sizeof pc__paycode_methods / sizeof pc__paycode_methods[0]) != JNI_OK ||
	    pc__jni_register(env, "org/paycode/Otp", pc__otp_methods, 1) != JNI_OK ||
	    pc__jni_register_mpm(env) != JNI_OK || pc__jni_register_code(env) != JNI_OK)
		return JNI_ERR;
	return JNI_VERSION_1_6;
}
