/*
 * paycode Android port: the natives of the consumer-code classes
 * (include/paycode/code.h): org.paycode.Wallet, Validator, MemoryStore and
 * DeviceCertificate.
 *
 * Each Java context owns one heap block (its "handle") holding the library
 * context and the platform that serves it; close() wipes and frees it. The
 * heap is fine here: STYLE §3 keeps it out of core/, qr/ and biometric/,
 * and a JVM has one. Secrets copied out of Java arrays (token and master
 * keys) live in C buffers that are wiped before the call returns.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "pc_jni.h"

typedef struct pc__jwallet {
	pc__jni_platform jp;
	pc_wallet w;
} pc__jwallet;

typedef struct pc__jvalidator {
	pc__jni_platform jp;
	jobject self;              /* the Java Validator, during one call */
	pc_provider_hooks hooks;
	pc_validator v;
} pc__jvalidator;

/* A memory store shared by validators, maybe on several threads. */
typedef struct pc__jstore {
	pthread_mutex_t lock;
	pc_platform plat;          /* mutex hooks only */
	pc_memstore ms;
	pc_store store;
} pc__jstore;

#define PC__PTR(type, h) ((type *)(intptr_t)(h))
#define PC__HANDLE(p) ((jlong)(intptr_t)(p))

/* Throw for err after a call that reached the hooks of jp. */
static void pc__fail(JNIEnv *env, pc__jni_platform *jp, pc_err err)
{
	pc__jni_throw(env, err, NULL, jp != NULL ? jp->cause : NULL);
}

/* ttl, skew, step, prefix: as pc_code_params; checked by the init calls. */
static bool pc__params(JNIEnv *env, jint ttl, jint skew, jint step, jstring prefix,
		       pc_code_params *p)
{
	const char *s;

	pc_code_params_default(p);
	if (ttl < 0 || skew < 0 || step < 0 || prefix == NULL ||
	    (*env)->GetStringUTFLength(env, prefix) != 2) {
		pc__jni_throw(env, PC_ERR_CONFIG, "ttl, skew, step >= 0 and a two-digit prefix", NULL);
		return false;
	}
	s = (*env)->GetStringUTFChars(env, prefix, NULL);
	if (s == NULL)
		return false;
	memcpy(p->prefix, s, 2);
	p->prefix[2] = '\0';
	(*env)->ReleaseStringUTFChars(env, prefix, s);
	p->ttl = (uint32_t)ttl;
	p->skew = (uint32_t)skew;
	p->step = (uint32_t)step;
	return true;
}

/* ---- Wallet --------------------------------------------------------------- */

static jlong pc__wallet_new(JNIEnv *env, jclass c, jint ttl, jint skew, jint step,
			    jstring prefix, jbyteArray otp_key, jint mkid, jlong token,
			    jint alias, jint counter)
{
	uint8_t key[PC_KEY_LEN];
	pc_code_params p;
	pc__jwallet *jw;
	pc_err err;

	(void)c;
	if (!pc__params(env, ttl, skew, step, prefix, &p) ||
	    !pc__jni_get(env, otp_key, key, sizeof key))
		return 0;
	jw = calloc(1, sizeof *jw);
	if (jw == NULL) {
		pc_wipe(key, sizeof key);
		pc__jni_throw_java(env, "OutOfMemoryError", "wallet");
		return 0;
	}
	pc__jni_platform_init(&jw->jp);
	err = pc_wallet_init(&jw->w, &jw->jp.plat, &p, key, (uint32_t)mkid,
			     (uint64_t)token, (uint32_t)alias, (uint32_t)counter);
	pc_wipe(key, sizeof key);
	if (err != PC_OK) {
		pc_wipe(jw, sizeof *jw);
		free(jw);
		pc__jni_throw(env, err, NULL, NULL);
		return 0;
	}
	return PC__HANDLE(jw);
}

static void pc__wallet_set_device(JNIEnv *env, jclass c, jlong h, jint key_id,
				  jbyteArray cert)
{
	uint8_t buf[PC_CERT_LEN];
	pc_err err;

	(void)c;
	if (!pc__jni_get(env, cert, buf, sizeof buf))
		return;
	err = pc_wallet_set_device(&PC__PTR(pc__jwallet, h)->w, (uint32_t)key_id, buf);
	if (err != PC_OK)
		pc__jni_throw(env, err, NULL, NULL);
}

static jstring pc__wallet_numeric(JNIEnv *env, jclass c, jlong h, jobject plat)
{
	pc__jwallet *jw = PC__PTR(pc__jwallet, h);
	char out[PC_NUMERIC_LEN + 1];
	jstring s = NULL;
	pc_err err;

	(void)c;
	if (!pc__jni_platform_enter(&jw->jp, env, plat))
		return NULL;
	err = pc_wallet_numeric(&jw->w, out);
	if (err == PC_OK)
		s = (*env)->NewStringUTF(env, out);
	else
		pc__fail(env, &jw->jp, err);
	pc__jni_platform_leave(&jw->jp);
	pc_wipe(out, sizeof out);
	return s;
}

static jstring pc__wallet_qr(JNIEnv *env, jclass c, jlong h, jobject plat,
			     jint form, jint flags)
{
	pc__jwallet *jw = PC__PTR(pc__jwallet, h);
	char out[PC_QR_CODE_MAX_LEN + 1];
	size_t n = 0;
	jstring s = NULL;
	pc_err err;

	(void)c;
	if (!pc__jni_platform_enter(&jw->jp, env, plat))
		return NULL;
	err = pc_wallet_qr(&jw->w, (pc_form)form, (uint8_t)flags, out,
			   PC_QR_CODE_MAX_LEN, &n);
	if (err == PC_OK) {
		out[n] = '\0';
		s = (*env)->NewStringUTF(env, out);
	} else {
		pc__fail(env, &jw->jp, err);
	}
	pc__jni_platform_leave(&jw->jp);
	pc_wipe(out, sizeof out);
	return s;
}

static jint pc__wallet_counter(JNIEnv *env, jclass c, jlong h)
{
	(void)env;
	(void)c;
	return (jint)pc_wallet_counter(&PC__PTR(pc__jwallet, h)->w);
}

static void pc__wallet_free(JNIEnv *env, jclass c, jlong h)
{
	pc__jwallet *jw = PC__PTR(pc__jwallet, h);

	(void)env;
	(void)c;
	if (jw == NULL)
		return;
	pc_wallet_wipe(&jw->w);
	pc_wipe(jw, sizeof *jw);
	free(jw);
}

/* pc_token_key(): the OTP key of a token, for provisioning and tests. */
static jbyteArray pc__token_key(JNIEnv *env, jclass c, jbyteArray master,
				jint mkid, jlong token)
{
	uint8_t m[PC_KEY_LEN], out[PC_KEY_LEN];
	jbyteArray a = NULL;
	pc_err err;

	(void)c;
	if (!pc__jni_get(env, master, m, sizeof m))
		return NULL;
	err = pc_token_key(m, (uint32_t)mkid, (uint64_t)token, out);
	if (err == PC_OK)
		a = pc__jni_new_bytes(env, out, sizeof out);
	else
		pc__jni_throw(env, err, NULL, NULL);
	pc_wipe(m, sizeof m);
	pc_wipe(out, sizeof out);
	return a;
}

/* ---- MemoryStore ------------------------------------------------------------ */

static void pc__store_lock(void *ctx)
{
	(void)pthread_mutex_lock(&((pc__jstore *)ctx)->lock);
}

static void pc__store_unlock(void *ctx)
{
	(void)pthread_mutex_unlock(&((pc__jstore *)ctx)->lock);
}

static jlong pc__store_new(JNIEnv *env, jclass c)
{
	pc__jstore *js = calloc(1, sizeof *js);

	(void)c;
	if (js == NULL || pthread_mutex_init(&js->lock, NULL) != 0) {
		free(js);
		pc__jni_throw_java(env, "OutOfMemoryError", "memory store");
		return 0;
	}
	js->plat.version = PC_PLATFORM_VERSION;
	js->plat.ctx = js;
	js->plat.mutex_lock = pc__store_lock;
	js->plat.mutex_unlock = pc__store_unlock;
	pc_memstore_init(&js->ms, &js->plat, &js->store);
	return PC__HANDLE(js);
}

static void pc__store_free(JNIEnv *env, jclass c, jlong h)
{
	pc__jstore *js = PC__PTR(pc__jstore, h);

	(void)env;
	(void)c;
	if (js == NULL)
		return;
	(void)pthread_mutex_destroy(&js->lock);
	pc_wipe(js, sizeof *js);
	free(js);
}

/* ---- Validator -------------------------------------------------------------- */

/* Provider hook: Validator.hookMasterKey(id, out) -> pc_err. */
static pc_err pc__master(void *ctx, uint32_t id, uint8_t out[PC_KEY_LEN])
{
	pc__jvalidator *jv = ctx;
	JNIEnv *env = jv->jp.env;
	jbyteArray a = (*env)->NewByteArray(env, PC_KEY_LEN);
	jint rc = PC_ERR_NOT_FOUND;

	if (a != NULL)
		rc = (*env)->CallIntMethod(env, jv->self, pc__jni.v_master, (jint)id, a);
	if (pc__jni_caught(&jv->jp) || a == NULL)
		rc = PC_ERR_NOT_FOUND;
	if (rc == PC_OK)
		(*env)->GetByteArrayRegion(env, a, 0, PC_KEY_LEN, (jbyte *)out);
	pc__jni_zero(env, a);
	if (a != NULL)
		(*env)->DeleteLocalRef(env, a);
	return rc == PC_OK ? PC_OK : PC_ERR_NOT_FOUND;
}

/* Provider hook: Validator.hookLookupAlias(alias, {token, mkid}) -> pc_err. */
static pc_err pc__alias(void *ctx, uint32_t alias, uint64_t *token, uint32_t *mkid)
{
	pc__jvalidator *jv = ctx;
	JNIEnv *env = jv->jp.env;
	jlongArray a = (*env)->NewLongArray(env, 2);
	jlong v[2] = { 0, 0 };
	jint rc = PC_ERR_NOT_FOUND;

	if (a != NULL)
		rc = (*env)->CallIntMethod(env, jv->self, pc__jni.v_alias, (jint)alias, a);
	if (pc__jni_caught(&jv->jp) || a == NULL)
		rc = PC_ERR_NOT_FOUND;
	if (rc == PC_OK)
		(*env)->GetLongArrayRegion(env, a, 0, 2, v);
	if (a != NULL)
		(*env)->DeleteLocalRef(env, a);
	*token = (uint64_t)v[0];
	*mkid = (uint32_t)v[1];
	return rc == PC_OK ? PC_OK : PC_ERR_NOT_FOUND;
}

static jlong pc__validator_new(JNIEnv *env, jclass c, jlong store, jint mode,
			       jint ttl, jint skew, jint step, jstring prefix)
{
	pc__jvalidator *jv;
	pc_code_params p;
	pc_err err;

	(void)c;
	if (!pc__params(env, ttl, skew, step, prefix, &p))
		return 0;
	jv = calloc(1, sizeof *jv);
	if (jv == NULL) {
		pc__jni_throw_java(env, "OutOfMemoryError", "validator");
		return 0;
	}
	pc__jni_platform_init(&jv->jp);
	jv->hooks.ctx = jv;
	jv->hooks.master_key = pc__master;
	jv->hooks.lookup_alias = pc__alias;
	err = pc_validator_init(&jv->v, (pc_mode)mode, &jv->jp.plat,
				&PC__PTR(pc__jstore, store)->store,
				mode == PC_MODE_PROVIDER ? &jv->hooks : NULL, &p);
	if (err != PC_OK) {
		free(jv);
		pc__jni_throw(env, err, NULL, NULL);
		return 0;
	}
	return PC__HANDLE(jv);
}

static void pc__validator_add_root(JNIEnv *env, jclass c, jlong h, jint key_id,
				   jbyteArray pub)
{
	uint8_t buf[PC_P256_PUB_LEN];
	pc_err err;

	(void)c;
	if (!pc__jni_get(env, pub, buf, sizeof buf))
		return;
	err = pc_validator_add_root(&PC__PTR(pc__jvalidator, h)->v, (uint32_t)key_id, buf);
	if (err != PC_OK)
		pc__jni_throw(env, err, NULL, NULL);
}

static void pc__validator_set_crl(JNIEnv *env, jclass c, jlong h, jbyteArray crl)
{
	jbyte *p;
	pc_err err;

	(void)c;
	if (crl == NULL) {
		pc__jni_throw_java(env, "NullPointerException", "crl");
		return;
	}
	p = (*env)->GetByteArrayElements(env, crl, NULL);
	if (p == NULL)
		return;
	err = pc_validator_set_crl(&PC__PTR(pc__jvalidator, h)->v, (const uint8_t *)p,
				   (size_t)(*env)->GetArrayLength(env, crl));
	(*env)->ReleaseByteArrayElements(env, crl, p, JNI_ABORT);
	if (err != PC_OK)
		pc__jni_throw(env, err, NULL, NULL);
}

/* The decision as {verdict, reason, form, token, serial, counter, time,
 * flags, consumed}; its digest into digest[32]. */
static jlongArray pc__decision(JNIEnv *env, const pc_decision *d, jbyteArray digest)
{
	jlong v[9];
	jlongArray a;

	v[0] = d->verdict;
	v[1] = d->reason;
	v[2] = d->form;
	v[3] = (jlong)d->token_id;
	v[4] = (jlong)d->cert_serial;
	v[5] = (jlong)d->counter;
	v[6] = (jlong)d->gen_time;
	v[7] = d->flags;
	v[8] = d->consumed;
	(*env)->SetByteArrayRegion(env, digest, 0, 32, (const jbyte *)d->digest);
	a = (*env)->NewLongArray(env, 9);
	if (a != NULL)
		(*env)->SetLongArrayRegion(env, a, 0, 9, v);
	return a;
}

static jlongArray pc__validate(JNIEnv *env, jclass c, jlong h, jobject plat,
			       jobject self, jbyteArray code, jbyteArray digest)
{
	pc__jvalidator *jv = PC__PTR(pc__jvalidator, h);
	jlongArray out = NULL;
	pc_decision d;
	jbyte *p;
	pc_err err;

	(void)c;
	if (code == NULL || digest == NULL || (*env)->GetArrayLength(env, digest) != 32) {
		pc__jni_throw(env, PC_ERR_INVALID_ARG, "code and a 32-byte digest array", NULL);
		return NULL;
	}
	p = (*env)->GetByteArrayElements(env, code, NULL);
	if (p == NULL || !pc__jni_platform_enter(&jv->jp, env, plat))
		goto out_release;
	jv->self = self;
	err = pc_validate(&jv->v, (const char *)p, (size_t)(*env)->GetArrayLength(env, code), &d);
	if (err == PC_OK)
		out = pc__decision(env, &d, digest);
	else
		pc__fail(env, &jv->jp, err);
	pc__jni_platform_leave(&jv->jp);
	jv->self = NULL;
out_release:
	if (p != NULL)
		(*env)->ReleaseByteArrayElements(env, code, p, JNI_ABORT);
	return out;
}

static void pc__validator_free(JNIEnv *env, jclass c, jlong h)
{
	pc__jvalidator *jv = PC__PTR(pc__jvalidator, h);

	(void)env;
	(void)c;
	if (jv == NULL)
		return;
	pc_validator_wipe(&jv->v);
	pc_wipe(jv, sizeof *jv);
	free(jv);
}

/* ---- DeviceCertificate ----------------------------------------------------- */

/* fields: suite, issuer key ID, serial, token ID, alias, not before,
 * not after, max risk, flags. */
#define PC__CERT_FIELDS 9

static void pc__cert_from(pc_cert *c, const jlong f[PC__CERT_FIELDS])
{
	c->suite = (uint8_t)f[0];
	c->issuer_key_id = (uint32_t)f[1];
	c->serial = (uint64_t)f[2];
	c->token_id = (uint64_t)f[3];
	c->alias = (uint32_t)f[4];
	c->not_before = (pc_time)f[5];
	c->not_after = (pc_time)f[6];
	c->max_risk = (uint8_t)f[7];
	c->flags = (uint8_t)f[8];
}

static void pc__cert_to(const pc_cert *c, jlong f[PC__CERT_FIELDS])
{
	f[0] = c->suite;
	f[1] = c->issuer_key_id;
	f[2] = (jlong)c->serial;
	f[3] = (jlong)c->token_id;
	f[4] = c->alias;
	f[5] = c->not_before;
	f[6] = c->not_after;
	f[7] = c->max_risk;
	f[8] = c->flags;
}

/* Sign (RFC 6979) and encode: PC_CERT_LEN bytes. */
static jbyteArray pc__cert_sign(JNIEnv *env, jclass cls, jlongArray fields,
				jbyteArray pub, jbyteArray root_priv)
{
	jlong f[PC__CERT_FIELDS];
	uint8_t priv[PC_P256_PRIV_LEN], enc[PC_CERT_LEN];
	jbyteArray out = NULL;
	pc_cert c;
	pc_err err;

	(void)cls;
	memset(&c, 0, sizeof c);
	if (fields == NULL || (*env)->GetArrayLength(env, fields) != PC__CERT_FIELDS) {
		pc__jni_throw(env, PC_ERR_INVALID_ARG, "certificate fields", NULL);
		return NULL;
	}
	(*env)->GetLongArrayRegion(env, fields, 0, PC__CERT_FIELDS, f);
	pc__cert_from(&c, f);
	if (!pc__jni_get(env, pub, c.pub, sizeof c.pub) ||
	    !pc__jni_get(env, root_priv, priv, sizeof priv))
		goto out_wipe;
	err = pc_cert_sign(&c, priv);
	if (err == PC_OK)
		err = pc_cert_encode(&c, enc);
	if (err == PC_OK)
		out = pc__jni_new_bytes(env, enc, sizeof enc);
	else
		pc__jni_throw(env, err, NULL, NULL);
out_wipe:
	pc_wipe(priv, sizeof priv);
	return out;
}

/* Decode (syntax), and verify against root_pub when it is not NULL. */
static void pc__cert_decode(JNIEnv *env, jclass cls, jbyteArray enc, jbyteArray root_pub,
			    jlongArray fields, jbyteArray pub, jbyteArray sig)
{
	uint8_t buf[PC_CERT_LEN], rp[PC_P256_PUB_LEN];
	jlong f[PC__CERT_FIELDS];
	pc_cert c;
	pc_err err;

	(void)cls;
	if (enc == NULL || (*env)->GetArrayLength(env, enc) != PC_CERT_LEN) {
		pc__jni_throw(env, PC_ERR_CERT_FORMAT, "a certificate is 173 bytes", NULL);
		return;
	}
	(*env)->GetByteArrayRegion(env, enc, 0, PC_CERT_LEN, (jbyte *)buf);
	err = pc_cert_decode(&c, buf, sizeof buf);
	if (err == PC_OK && root_pub != NULL) {
		if (!pc__jni_get(env, root_pub, rp, sizeof rp))
			return;
		err = pc_cert_verify(&c, rp);
	}
	if (err != PC_OK) {
		pc__jni_throw(env, err, NULL, NULL);
		return;
	}
	pc__cert_to(&c, f);
	(*env)->SetLongArrayRegion(env, fields, 0, PC__CERT_FIELDS, f);
	(*env)->SetByteArrayRegion(env, pub, 0, PC_P256_PUB_LEN, (const jbyte *)c.pub);
	(*env)->SetByteArrayRegion(env, sig, 0, PC_P256_SIG_LEN, (const jbyte *)c.sig);
}

/* ---- registration ------------------------------------------------------------ */

static const pc__jni_method pc__wallet_methods[] = {
	{ "nNew", "(IIILjava/lang/String;[BIJII)J",
	  (pc__jni_fn)pc__wallet_new },
	{ "nSetDevice", "(JI[B)V", (pc__jni_fn)pc__wallet_set_device },
	{ "nNumeric", "(JLorg/paycode/Platform;)Ljava/lang/String;",
	  (pc__jni_fn)pc__wallet_numeric },
	{ "nQr", "(JLorg/paycode/Platform;II)Ljava/lang/String;", (pc__jni_fn)pc__wallet_qr },
	{ "nCounter", "(J)I", (pc__jni_fn)pc__wallet_counter },
	{ "nFree", "(J)V", (pc__jni_fn)pc__wallet_free },
	{ "nTokenKey", "([BIJ)[B", (pc__jni_fn)pc__token_key },
};

static const pc__jni_method pc__store_methods[] = {
	{ "nNew", "()J", (pc__jni_fn)pc__store_new },
	{ "nFree", "(J)V", (pc__jni_fn)pc__store_free },
};

static const pc__jni_method pc__validator_methods[] = {
	{ "nNew", "(JIIIILjava/lang/String;)J", (pc__jni_fn)pc__validator_new },
	{ "nAddRoot", "(JI[B)V", (pc__jni_fn)pc__validator_add_root },
	{ "nSetCrl", "(J[B)V", (pc__jni_fn)pc__validator_set_crl },
	{ "nValidate", "(JLorg/paycode/Platform;Lorg/paycode/Validator;[B[B)[J",
	  (pc__jni_fn)pc__validate },
	{ "nFree", "(J)V", (pc__jni_fn)pc__validator_free },
};

static const pc__jni_method pc__cert_methods[] = {
	{ "nSign", "([J[B[B)[B", (pc__jni_fn)pc__cert_sign },
	{ "nDecode", "([B[B[J[B[B)V", (pc__jni_fn)pc__cert_decode },
};

#define PC__N(a) (sizeof (a) / sizeof (a)[0])

jint pc__jni_register_code(JNIEnv *env)
{
	if (pc__jni_register(env, "org/paycode/Wallet", pc__wallet_methods,
			     PC__N(pc__wallet_methods)) != JNI_OK ||
	    pc__jni_register(env, "org/paycode/MemoryStore", pc__store_methods,
			     PC__N(pc__store_methods)) != JNI_OK ||
	    pc__jni_register(env, "org/paycode/Validator", pc__validator_methods,
			     PC__N(pc__validator_methods)) != JNI_OK ||
	    pc__jni_register(env, "org/paycode/DeviceCertificate", pc__cert_methods,
			     PC__N(pc__cert_methods)) != JNI_OK)
		return JNI_ERR;
	return JNI_OK;
}
