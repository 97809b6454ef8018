/*
 * paycode Android port: the natives of org.paycode.Mpm (EMV QRCPS
 * merchant-presented payloads, include/paycode/emvqr.h).
 *
 * Payloads cross as UTF-8 byte arrays, not jstring: JNI's "modified
 * UTF-8" differs from UTF-8 for NUL and supplementary characters, and
 * the EMV lengths count Unicode scalar values. A decoded payload is
 * handed to a Java MpmPayload.Builder one object at a time, in document
 * order, so no Java class is built from C. Nothing here is secret.
 */
#include <stdlib.h>
#include <string.h>

#include "pc_jni.h"

/* Hand object i of m to the builder: (id, parent index, template, value). */
static bool pc__emit_object(JNIEnv *env, jobject sink, const pc_mpm *m, size_t i)
{
	size_t parent = pc_mpm_parent(m, i);
	pc_cbuf v = pc_mpm_value(m, i);
	jbyteArray value = pc__jni_new_bytes(env, v.ptr, v.len);

	if (value == NULL)
		return false;
	(*env)->CallVoidMethod(env, sink, pc__jni.m_object, (jint)pc_mpm_id(m, i),
			       parent == PC_MPM_NONE ? (jint)-1 : (jint)parent,
			       pc_mpm_is_template(m, i) ? JNI_TRUE : JNI_FALSE, value);
	(*env)->DeleteLocalRef(env, value);
	return !(*env)->ExceptionCheck(env);
}

static bool pc__emit_warning(JNIEnv *env, jobject sink, const pc_mpm_issue *w)
{
	char text[256];
	jstring name, msg;

	(void)pc_mpm_issue_format(w, text, sizeof text);
	name = (*env)->NewStringUTF(env, pc_err_name(w->code));
	msg = name != NULL ? (*env)->NewStringUTF(env, text) : NULL;
	if (msg == NULL)
		return false;
	(*env)->CallVoidMethod(env, sink, pc__jni.m_warning, (jint)w->code, name, msg);
	(*env)->DeleteLocalRef(env, name);
	(*env)->DeleteLocalRef(env, msg);
	return !(*env)->ExceptionCheck(env);
}

static void pc__emit(JNIEnv *env, jobject sink, const pc_mpm *m)
{
	uint16_t stated = 0, computed = 0;
	size_t i;

	for (i = 0; i < pc_mpm_count(m); i++)
		if (!pc__emit_object(env, sink, m, i))
			return;
	for (i = 0; pc_mpm_warning(m, i) != NULL; i++)
		if (!pc__emit_warning(env, sink, pc_mpm_warning(m, i)))
			return;
	(void)pc_mpm_crc(m, &stated, &computed);
	(*env)->CallVoidMethod(env, sink, pc__jni.m_crc, (jint)stated, (jint)computed,
			       pc_mpm_unit(m) == PC_MPM_LEN_BYTES ? JNI_TRUE : JNI_FALSE);
}

/* Decode under the named profile (NULL: strict) and feed the builder;
 * PaycodeException carrying the pc_err and "object 62.05: <rule>". */
static void pc__decode(JNIEnv *env, jclass c, jbyteArray payload, jstring profile,
		       jobject sink)
{
	const pc_mpm_profile *pr = &pc_mpm_profile_strict;
	pc_mpm *m;
	jbyte *p;
	pc_err err;

	(void)c;
	if (payload == NULL || sink == NULL) {
		pc__jni_throw_java(env, "NullPointerException", "payload");
		return;
	}
	if (profile != NULL) {
		const char *name = (*env)->GetStringUTFChars(env, profile, NULL);

		if (name == NULL)
			return;
		pr = pc_mpm_profile_find(name);
		(*env)->ReleaseStringUTFChars(env, profile, name);
		if (pr == NULL) {
			pc__jni_throw_java(env, "IllegalArgumentException",
					   "unknown MPM profile");
			return;
		}
	}
	m = malloc(sizeof *m);
	p = m != NULL ? (*env)->GetByteArrayElements(env, payload, NULL) : NULL;
	if (p == NULL) {
		free(m);
		pc__jni_throw_java(env, "OutOfMemoryError", "MPM decode");
		return;
	}
	err = pc_mpm_decode(m, (const char *)p, (size_t)(*env)->GetArrayLength(env, payload), pr);
	(*env)->ReleaseByteArrayElements(env, payload, p, JNI_ABORT);
	if (err == PC_OK) {
		pc__emit(env, sink, m);
	} else {
		char text[256];

		(void)pc_mpm_issue_format(pc_mpm_error(m), text, sizeof text);
		pc__jni_throw(env, err, text, NULL);
	}
	free(m);
}

static jobjectArray pc__profiles(JNIEnv *env, jclass c)
{
	jclass str = (*env)->FindClass(env, "java/lang/String");
	jobjectArray out;
	size_t n = 0, i;

	(void)c;
	while (pc_mpm_profile_name(n) != NULL)
		n++;
	out = str != NULL ? (*env)->NewObjectArray(env, (jsize)n, str, NULL) : NULL;
	for (i = 0; out != NULL && i < n; i++) {
		jstring s = (*env)->NewStringUTF(env, pc_mpm_profile_name(i));

		if (s == NULL)
			return NULL;
		(*env)->SetObjectArrayElement(env, out, (jsize)i, s);
		(*env)->DeleteLocalRef(env, s);
	}
	return out;
}

static jint pc__crc16(JNIEnv *env, jclass c, jbyteArray data)
{
	jbyte *p;
	uint16_t crc;

	(void)c;
	if (data == NULL) {
		pc__jni_throw_java(env, "NullPointerException", "data");
		return 0;
	}
	p = (*env)->GetByteArrayElements(env, data, NULL);
	if (p == NULL)
		return 0;
	crc = pc_crc16_ccitt(0xFFFF, p, (size_t)(*env)->GetArrayLength(env, data));
	(*env)->ReleaseByteArrayElements(env, data, p, JNI_ABORT);
	return (jint)crc;
}

static const pc__jni_method pc__mpm_methods[] = {
	{ "nDecode", "([BLjava/lang/String;Lorg/paycode/MpmPayload$Builder;)V",
	  (pc__jni_fn)pc__decode },
	{ "profiles", "()[Ljava/lang/String;", (pc__jni_fn)pc__profiles },
	{ "crc16", "([B)I", (pc__jni_fn)pc__crc16 },
};

jint pc__jni_register_mpm(JNIEnv *env)
{
	return pc__jni_register(env, "org/paycode/Mpm", pc__mpm_methods,
				sizeof pc__mpm_methods / sizeof pc__mpm_methods[0]);
}
