/*
 * paycode Android port: the JNI binding's shared declarations.
 *
 * Nothing here is public API: the Java classes in ports/android/java are.
 * Every exported symbol of the binding is JNI_OnLoad; the native methods
 * are static and registered with RegisterNatives, so the library needs no
 * Java_* names and hides everything else.
 *
 * Threading: each native context (wallet, validator) is used by one thread
 * at a time (the Java wrappers synchronise on the object). The calling
 * thread's JNIEnv is stored in the context on entry to every native method
 * and used by the platform hooks the library calls during that method;
 * hooks are never called at any other time. The memory store is shared
 * between validators and threads and guarded by its own pthread mutex.
 */
#ifndef PAYCODE_ANDROID_PC_JNI_H
#define PAYCODE_ANDROID_PC_JNI_H

#include <jni.h>

#include <paycode/paycode.h>

/* Classes and method IDs, looked up once by JNI_OnLoad (paycode_jni.c);
 * read-only afterwards. The classes are global references. */
typedef struct pc__jni_ids {
	jclass exc;            /* org.paycode.PaycodeException */
	jmethodID exc_init;    /* (ILjava/lang/String;Ljava/lang/String;)V */
	jclass plat;           /* org.paycode.Platform */
	jmethodID p_random;    /* hookRandom([B)I */
	jmethodID p_time;      /* hookTime()J */
	jmethodID p_keygen;    /* hookKeyGenerate(I[B)I */
	jmethodID p_keypub;    /* hookKeyPublic(I[B)I */
	jmethodID p_keysign;   /* hookKeySign(I[B[B)I */
	jclass val;            /* org.paycode.Validator */
	jmethodID v_master;    /* hookMasterKey(I[B)I */
	jmethodID v_alias;     /* hookLookupAlias(I[J)I */
	jclass sink;           /* org.paycode.MpmPayload$Builder */
	jmethodID m_object;    /* object(IIZ[B)V */
	jmethodID m_warning;   /* warning(ILjava/lang/String;Ljava/lang/String;)V */
	jmethodID m_crc;       /* crc(IIZ)V */
} pc__jni_ids;

extern pc__jni_ids pc__jni;

/*
 * The Android platform: a pc_platform whose rng, time and key-store hooks
 * call the methods of one Java org.paycode.Platform object (SecureRandom,
 * java.time.Clock, a DeviceKeyStore backed by Android Keystore/StrongBox
 * on a phone). Storage, mutex and log hooks are NULL: an app keeps its own
 * state, and a context is used by one thread at a time.
 *
 * The Java objects are not retained between calls: every native method
 * that may reach a hook receives the Platform as an argument and passes
 * it to pc__jni_platform_enter(), so the binding holds no global
 * references and a context the app forgets to close leaks only memory.
 */
typedef struct pc__jni_platform {
	pc_platform plat;    /* ctx = this struct */
	JNIEnv *env;         /* the calling thread's, during one native call */
	jobject jplat;       /* the Java Platform, during one native call */
	jthrowable cause;    /* a Java exception a hook swallowed, or NULL */
} pc__jni_platform;

/* Fill jp's table (every hook but storage, mutex and log). */
void pc__jni_platform_init(pc__jni_platform *jp);
/* Start a native call on this thread: false (NullPointerException
 * thrown) when jplat is NULL. */
bool pc__jni_platform_enter(pc__jni_platform *jp, JNIEnv *env, jobject jplat);
/* End a native call: forget env, the Java Platform and the cause. */
void pc__jni_platform_leave(pc__jni_platform *jp);
/* After a Java call from a hook: true when it threw. The exception is
 * cleared and kept (first one wins) as the cause of the error to come. */
bool pc__jni_caught(pc__jni_platform *jp);

/* Throw org.paycode.PaycodeException for err, with detail as its message
 * (NULL: pc_strerror) and cause as its cause (may be NULL). */
void pc__jni_throw(JNIEnv *env, pc_err err, const char *detail, jthrowable cause);
/* Throw java.lang.<name> (e.g. "IllegalArgumentException") with msg. */
void pc__jni_throw_java(JNIEnv *env, const char *name, const char *msg);

/* Copy exactly len bytes of a Java array into out: false (with
 * PC_ERR_INVALID_ARG thrown) when arr is NULL or of another length. */
bool pc__jni_get(JNIEnv *env, jbyteArray arr, uint8_t *out, size_t len);
/* A new Java array holding p[0..len), or NULL with an exception pending. */
jbyteArray pc__jni_new_bytes(JNIEnv *env, const uint8_t *p, size_t len);
/* Overwrite a Java array with zeros (best effort: the GC may have copies). */
void pc__jni_zero(JNIEnv *env, jbyteArray arr);

/*
 * Native methods to register. ISO C has no conversion from a function
 * pointer to void *, which JNINativeMethod.fnPtr is, so tables hold
 * generic function pointers and pc__jni_register() copies their bits.
 * (Names are plain char * because older <jni.h> declare them so.)
 */
typedef void (*pc__jni_fn)(void);
typedef struct pc__jni_method {
	char *name;
	char *sig;
	pc__jni_fn fn;
} pc__jni_method;

/* Register n natives of class cls: JNI_OK, or JNI_ERR (exception pending). */
jint pc__jni_register(JNIEnv *env, const char *cls, const pc__jni_method *m,
		      size_t n);

/* Registration of each class's native methods: JNI_OK or JNI_ERR. */
jint pc__jni_register_code(JNIEnv *env);   /* pc_jni_code.c */
jint pc__jni_register_mpm(JNIEnv *env);    /* pc_jni_mpm.c */

#endif
