'use client';
// app/apply/page.tsx — the component in proxy mode: no apiKey in the browser at all.
import { PASSIDVerify } from '@passid/react';

export default function ApplyPage() {
  return (
    <PASSIDVerify
      endpoint="/api/passid"
      institutionName="Demo Bank"
      onSuccess={(claims) => {
        // Show the result; make the decision on your server (webhook or a server call).
        console.log('verified', claims.tier);
      }}
      onDecline={(reason) => console.log('declined:', reason)}
    />
  );
}
