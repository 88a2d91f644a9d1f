/**
 * The text of the e-mails about one's account, in the person's preferred language (one of the six UN
 * languages; others get English). The link is added under the text by the outbox.
 */
type Kind = 'passwordReset' | 'emailVerification';
interface Text {
  subject: string;
  body: (name: string, hours: number) => string;
}

const TEXTS: Record<string, Record<Kind, Text>> = {
  en: {
    passwordReset: {
      subject: 'Reset your Intersessional password',
      body: (name, hours) =>
        `Dear ${name},\n\nSomeone asked to reset the password of your Intersessional account. To choose a new password, open the link below within ${hours} hour(s). It works once.\n\nIf you did not ask for this, you can ignore this message: your password stays as it is.`,
    },
    emailVerification: {
      subject: 'Confirm your e-mail address for Intersessional',
      body: (name, hours) =>
        `Dear ${name},\n\nPlease confirm that this is your e-mail address by opening the link below within ${hours} hours. It works once.\n\nIf you did not create an Intersessional account, you can ignore this message.`,
    },
  },
  fr: {
    passwordReset: {
      subject: 'Réinitialisation de votre mot de passe Intersessional',
      body: (name, hours) =>
        `Bonjour ${name},\n\nUne demande de réinitialisation du mot de passe de votre compte Intersessional a été reçue. Pour choisir un nouveau mot de passe, veuillez ouvrir le lien ci-dessous dans un délai de ${hours} heure(s). Il ne peut être utilisé qu'une seule fois.\n\nSi vous n'êtes pas à l'origine de cette demande, vous pouvez ignorer ce message : votre mot de passe reste inchangé.`,
    },
    emailVerification: {
      subject: 'Confirmation de votre adresse électronique pour Intersessional',
      body: (name, hours) =>
        `Bonjour ${name},\n\nVeuillez confirmer qu'il s'agit bien de votre adresse électronique en ouvrant le lien ci-dessous dans un délai de ${hours} heures. Il ne peut être utilisé qu'une seule fois.\n\nSi vous n'avez pas créé de compte Intersessional, vous pouvez ignorer ce message.`,
    },
  },
  es: {
    passwordReset: {
      subject: 'Restablecimiento de su contraseña de Intersessional',
      body: (name, hours) =>
        `Estimado/a ${name}:\n\nSe ha solicitado restablecer la contraseña de su cuenta de Intersessional. Para elegir una nueva contraseña, abra el enlace que figura a continuación en un plazo de ${hours} hora(s). Solo puede utilizarse una vez.\n\nSi usted no ha hecho esta solicitud, puede ignorar este mensaje: su contraseña no se modificará.`,
    },
    emailVerification: {
      subject: 'Confirme su dirección de correo electrónico para Intersessional',
      body: (name, hours) =>
        `Estimado/a ${name}:\n\nLe rogamos que confirme que esta es su dirección de correo electrónico abriendo el enlace que figura a continuación en un plazo de ${hours} horas. Solo puede utilizarse una vez.\n\nSi usted no ha creado una cuenta de Intersessional, puede ignorar este mensaje.`,
    },
  },
  ru: {
    passwordReset: {
      subject: 'Сброс пароля Intersessional',
      body: (name, hours) =>
        `Уважаемый(ая) ${name}!\n\nПоступил запрос на сброс пароля вашей учетной записи Intersessional. Чтобы задать новый пароль, откройте ссылку ниже в течение ${hours} ч. Ссылка действует один раз.\n\nЕсли вы не направляли такой запрос, просто проигнорируйте это сообщение: ваш пароль останется прежним.`,
    },
    emailVerification: {
      subject: 'Подтверждение адреса электронной почты для Intersessional',
      body: (name, hours) =>
        `Уважаемый(ая) ${name}!\n\nПросим подтвердить, что это ваш адрес электронной почты, открыв ссылку ниже в течение ${hours} ч. Ссылка действует один раз.\n\nЕсли вы не создавали учетную запись Intersessional, просто проигнорируйте это сообщение.`,
    },
  },
  zh: {
    passwordReset: {
      subject: '重置您的 Intersessional 密码',
      body: (name, hours) =>
        `${name}，您好：\n\n我们收到了重置您 Intersessional 账户密码的请求。请在 ${hours} 小时内打开下方链接设置新密码。该链接仅可使用一次。\n\n如果您并未提出此请求，请忽略本邮件，您的密码将保持不变。`,
    },
    emailVerification: {
      subject: '确认您在 Intersessional 的电子邮件地址',
      body: (name, hours) =>
        `${name}，您好：\n\n请在 ${hours} 小时内打开下方链接，确认这是您的电子邮件地址。该链接仅可使用一次。\n\n如果您并未创建 Intersessional 账户，请忽略本邮件。`,
    },
  },
  ar: {
    passwordReset: {
      subject: 'إعادة تعيين كلمة المرور في Intersessional',
      body: (name, hours) =>
        `السيد/السيدة ${name}،\n\nوردنا طلب لإعادة تعيين كلمة المرور لحسابكم في Intersessional. لاختيار كلمة مرور جديدة، يُرجى فتح الرابط أدناه في غضون ${hours} ساعة. ولا يمكن استخدام الرابط إلا مرة واحدة.\n\nإذا لم تكونوا قد قدّمتم هذا الطلب، فيمكنكم تجاهل هذه الرسالة، وستبقى كلمة المرور دون تغيير.`,
    },
    emailVerification: {
      subject: 'تأكيد عنوان بريدكم الإلكتروني في Intersessional',
      body: (name, hours) =>
        `السيد/السيدة ${name}،\n\nيُرجى تأكيد أن هذا هو عنوان بريدكم الإلكتروني بفتح الرابط أدناه في غضون ${hours} ساعة. ولا يمكن استخدام الرابط إلا مرة واحدة.\n\nإذا لم تكونوا قد أنشأتم حسابًا في Intersessional، فيمكنكم تجاهل هذه الرسالة.`,
    },
  },
};

export function accountMailText(kind: Kind, language: string, name: string, hours: number): { subject: string; text: string } {
  const base = language.split('-')[0]?.toLowerCase() ?? 'en';
  const text = (TEXTS[base] ?? TEXTS['en'])?.[kind];
  if (!text) throw new Error(`no account mail text for ${kind}`);
  return { subject: text.subject, text: text.body(name, hours) };
}
