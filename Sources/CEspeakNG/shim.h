#ifndef EPREUVE_CESPEAKNG_SHIM_H
#define EPREUVE_CESPEAKNG_SHIM_H

/* libespeak-ng is opened at run time (dlopen), not linked: a terminal where it is missing still
   starts, and `--lecture` says so in one line instead of the program failing to load. The headers
   (Debian libespeak-ng-dev) give the types and constants; the functions come from dlsym. */

#include <dlfcn.h>
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>
#include <espeak-ng/speak_lib.h>
#include <espeak-ng/espeak_ng.h>

typedef struct epreuve_espeak {
    void *handle;
    void (*initialize_path)(const char *path);
    espeak_ng_STATUS (*initialize)(espeak_ng_ERROR_CONTEXT *context);
    espeak_ng_STATUS (*initialize_output)(espeak_ng_OUTPUT_MODE mode, int buffer_length, const char *device);
    void (*clear_error_context)(espeak_ng_ERROR_CONTEXT *context);
    void (*status_message)(espeak_ng_STATUS status, char *buffer, size_t length);
    espeak_ng_STATUS (*set_voice_by_name)(const char *name);
    espeak_ng_STATUS (*set_parameter)(espeak_PARAMETER parameter, int value, int relative);
    void (*set_synth_callback)(t_espeak_callback *callback);
    espeak_ng_STATUS (*synthesize)(const void *text, size_t size, unsigned int position,
                                   espeak_POSITION_TYPE position_type, unsigned int end_position,
                                   unsigned int flags, unsigned int *unique_identifier, void *user_data);
    espeak_ng_STATUS (*cancel)(void);
    espeak_ng_STATUS (*synchronize)(void);
    int (*sample_rate)(void);
} epreuve_espeak;

/* Fills `api`; returns NULL on success, "" when the library does not open, else the name of the
   function it lacks (static strings: never the caller's own). */
static inline const char *epreuve_espeak_load(const char *library, epreuve_espeak *api) {
    memset(api, 0, sizeof *api);
    void *handle = dlopen(library, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) return "";
#define EPREUVE_SYMBOL(field, name) \
    if ((*(void **)(&api->field) = dlsym(handle, name)) == NULL) { dlclose(handle); memset(api, 0, sizeof *api); return name; }
    EPREUVE_SYMBOL(initialize_path, "espeak_ng_InitializePath")
    EPREUVE_SYMBOL(initialize, "espeak_ng_Initialize")
    EPREUVE_SYMBOL(initialize_output, "espeak_ng_InitializeOutput")
    EPREUVE_SYMBOL(clear_error_context, "espeak_ng_ClearErrorContext")
    EPREUVE_SYMBOL(status_message, "espeak_ng_GetStatusCodeMessage")
    EPREUVE_SYMBOL(set_voice_by_name, "espeak_ng_SetVoiceByName")
    EPREUVE_SYMBOL(set_parameter, "espeak_ng_SetParameter")
    EPREUVE_SYMBOL(set_synth_callback, "espeak_SetSynthCallback")
    EPREUVE_SYMBOL(synthesize, "espeak_ng_Synthesize")
    EPREUVE_SYMBOL(cancel, "espeak_ng_Cancel")
    EPREUVE_SYMBOL(synchronize, "espeak_ng_Synchronize")
    EPREUVE_SYMBOL(sample_rate, "espeak_ng_GetSampleRate")
#undef EPREUVE_SYMBOL
    api->handle = handle;
    return NULL;
}

/* UTF-8 text, from its start; `ssml` lets the audio probe ask for a silent break. */
static inline espeak_ng_STATUS epreuve_espeak_synthesize(const epreuve_espeak *api, const char *text, int ssml,
                                                         void *user_data) {
    unsigned int flags = espeakCHARS_UTF8 | (ssml ? espeakSSML : 0);
    return api->synthesize(text, strlen(text) + 1, 0, POS_CHARACTER, 0, flags, NULL, user_data);
}

static inline espeak_ng_OUTPUT_MODE epreuve_espeak_output_retrieval(void) { return ENOUTPUT_MODE_SYNCHRONOUS; }
static inline espeak_ng_OUTPUT_MODE epreuve_espeak_output_playback(void) { return ENOUTPUT_MODE_SPEAK_AUDIO; }

/* espeak-ng plays through pcaudiolib (Debian libpcaudio0, a dependency of libespeak-ng1), which
   ships no headers. Its asynchronous mode reports no audio failure to the caller, so the start-up
   check opens and closes the same default device the way espeak-ng will. The declarations follow
   pcaudiolib 1.2's audio.h; AUDIO_OBJECT_FORMAT_S16LE is 2 there (checked: it reaches ALSA as
   SND_PCM_FORMAT_S16_LE). Returns 0 when the device opened, else pcaudiolib's error (or -1 when
   the library is missing). */
static inline int epreuve_pcaudio_probe(const char *device, unsigned int rate) {
    void *handle = dlopen("libpcaudio.so.0", RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) return -1;
    void *(*create)(const char *, const char *, const char *);
    int (*open_object)(void *, int, unsigned int, unsigned char);
    void (*close_object)(void *);
    void (*destroy)(void *);
    *(void **)(&create) = dlsym(handle, "create_audio_device_object");
    *(void **)(&open_object) = dlsym(handle, "audio_object_open");
    *(void **)(&close_object) = dlsym(handle, "audio_object_close");
    *(void **)(&destroy) = dlsym(handle, "audio_object_destroy");
    int result = -1;
    if (create && open_object && close_object && destroy) {
        void *object = create(device, "eSpeak", "Text-to-Speech");
        if (object != NULL) {
            result = open_object(object, 2 /* AUDIO_OBJECT_FORMAT_S16LE */, rate, 1);
            if (result == 0) close_object(object);
            destroy(object);
        }
    }
    dlclose(handle);
    return result;
}

/* ALSA and espeak-ng print to stderr when no audio device opens; during the start-up probe that
   would land on the candidate's screen (it is silenced only for the probe's few hundred ms). Returns the saved descriptor (or -1) for the restore. */
static inline int epreuve_stderr_silence(void) {
    int saved = dup(STDERR_FILENO);
    int devnull = open("/dev/null", O_WRONLY);
    if (saved < 0 || devnull < 0) {
        if (saved >= 0) close(saved);
        if (devnull >= 0) close(devnull);
        return -1;
    }
    dup2(devnull, STDERR_FILENO);
    close(devnull);
    return saved;
}

static inline void epreuve_stderr_restore(int saved) {
    if (saved < 0) return;
    dup2(saved, STDERR_FILENO);
    close(saved);
}

#endif
